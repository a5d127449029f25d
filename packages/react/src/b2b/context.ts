import { createContext, useContext } from 'react';
import type { TesseraB2BClient } from '@tessera/js/b2b';

export interface TesseraB2BContextValue {
  client: TesseraB2BClient;
  hydrated: boolean;
}

export const TesseraB2BContext = createContext<TesseraB2BContextValue | null>(null);

export function useTesseraB2BContext(hook: string): TesseraB2BContextValue {
  const value = useContext(TesseraB2BContext);
  if (!value) throw new Error(`${hook} must be used inside <StytchB2BProvider stytch={client}>.`);
  return value;
}
