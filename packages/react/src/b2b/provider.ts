/**
 * `<StytchB2BProvider stytch={client}>`: makes the B2B client available to the B2B hooks.
 *
 * @module
 */
import { createElement, type ReactNode, useMemo } from 'react';
import type { TesseraB2BClient } from '@tessera/js/b2b';
import { useHydrated } from '../internal/hydrated.js';
import { TesseraB2BContext } from './context.js';

export interface StytchB2BProviderProps {
  stytch: TesseraB2BClient;
  /** Skip the uninitialised first render (only for apps rendered on the client alone). Default false. */
  assumeHydrated?: boolean;
  children?: ReactNode;
}

export function StytchB2BProvider({ stytch, assumeHydrated = false, children }: StytchB2BProviderProps) {
  const hydrated = useHydrated(assumeHydrated);
  const value = useMemo(() => ({ client: stytch, hydrated }), [stytch, hydrated]);
  return createElement(TesseraB2BContext.Provider, { value }, children);
}
