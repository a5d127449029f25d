import { createContext, useContext } from 'react';
import type { TesseraClient } from '@tessera/js';

export interface TesseraContextValue {
  client: TesseraClient;
  hydrated: boolean;
}

export const TesseraContext = createContext<TesseraContextValue | null>(null);

export function useTesseraContext(hook: string): TesseraContextValue {
  const value = useContext(TesseraContext);
  if (!value) throw new Error(`${hook} must be used inside <StytchProvider stytch={client}>.`);
  return value;
}
