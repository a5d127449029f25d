'use client';
/**
 * The B2B client and its provider. `@tessera/nextjs/b2b` has the names of `@stytch/nextjs/b2b`; with the
 * official package the only change is the option:
 * `createStytchB2BClient(publicToken, { endpoints: { testAPIURL: url, liveAPIURL: url } } as any)`.
 */
import { createContext, useContext, useState, type ReactNode } from 'react';
import { createStytchB2BClient, StytchB2BProvider } from '@tessera/nextjs/b2b';
import type { PublicConfig } from '../lib/config';

const ConfigContext = createContext<PublicConfig | null>(null);
export const usePublicConfig = () => useContext(ConfigContext)!;

export function Providers({ config, children }: { config: PublicConfig; children: ReactNode }) {
  // Created once per page load (one client per public token, as the SDK expects).
  const [stytch] = useState(() => createStytchB2BClient(config.publicToken, { baseUrl: config.tesseraUrl }));
  return (
    <ConfigContext.Provider value={config}>
      <StytchB2BProvider stytch={stytch}>{children}</StytchB2BProvider>
    </ConfigContext.Provider>
  );
}
