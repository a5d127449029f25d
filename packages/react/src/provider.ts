/**
 * `<StytchProvider stytch={client}>`: makes the client available to the hooks.
 *
 * @module
 */
import { createElement, type ReactNode, useMemo } from 'react';
import type { TesseraClient } from '@tessera/js';
import { TesseraContext } from './context.js';
import { useHydrated } from './internal/hydrated.js';

export interface StytchProviderProps {
  stytch: TesseraClient;
  /** Skip the uninitialised first render (only for apps rendered on the client alone). Default false. */
  assumeHydrated?: boolean;
  children?: ReactNode;
}

export function StytchProvider({ stytch, assumeHydrated = false, children }: StytchProviderProps) {
  const hydrated = useHydrated(assumeHydrated);
  const value = useMemo(() => ({ client: stytch, hydrated }), [stytch, hydrated]);
  return createElement(TesseraContext.Provider, { value }, children);
}
