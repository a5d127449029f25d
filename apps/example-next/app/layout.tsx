import type { ReactNode } from 'react';
import { publicConfig } from '../lib/config';
import { Providers } from './providers';

export const metadata = { title: 'Tessera example (Next.js B2B)' };
// The configuration is read per request (see lib/config.ts), not baked in at build time.
export const dynamic = 'force-dynamic';

export default function RootLayout({ children }: { children: ReactNode }) {
  const config = publicConfig();
  return (
    <html lang="en">
      <body style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 720, margin: '2rem auto', padding: '0 1rem' }}>
        <Providers config={config}>{children}</Providers>
      </body>
    </html>
  );
}
