/**
 * The app's configuration, read at run time (not inlined at build time like NEXT_PUBLIC_*), so one
 * `next build` serves any Tessera server: `npm run example` writes these into `.env.local`.
 */
function need(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set (npm run example writes apps/example-next/.env.local)`);
  return v;
}

/** Secret settings: server code only (route handlers, middleware, server actions). */
export function serverConfig() {
  return { projectId: need('STYTCH_PROJECT_ID'), secret: need('STYTCH_SECRET'), tesseraUrl: need('TESSERA_URL') };
}

/** What the browser needs: handed from the root layout (a server component) to the client provider. */
export function publicConfig() {
  return {
    publicToken: need('STYTCH_PUBLIC_TOKEN'),
    tesseraUrl: need('TESSERA_URL'),
    // Pre-filled on the login page; an organization id or slug.
    organization: process.env.EXAMPLE_ORGANIZATION ?? '',
  };
}

export type PublicConfig = ReturnType<typeof publicConfig>;
