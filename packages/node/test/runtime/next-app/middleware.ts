/**
 * Next.js middleware for ../next-edge.test.ts. `middleware.ts` (not `proxy.ts`, which is always Node.js in
 * Next 16) runs on the edge runtime: @tessera/node's local JWT verification must work there unchanged.
 *
 * With a `stytch_session_jwt` cookie: `authenticateJwtLocal` (outcome in `x-tessera-local`), then
 * `authenticateJwt` (local first, API fallback). Success answers with the session id and whether the API
 * was asked (`x-tessera-verified: local | remote`); failure or no cookie redirects to /login.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { Client, ClientError, TesseraError } from '@tessera/node';

declare const EdgeRuntime: string | undefined;

// One client per isolate, as an app would keep it, so the JWKS cache outlives a request.
let client: Client | undefined;

function getClient(): Client {
  client ??= new Client({
    project_id: process.env.TESSERA_PROJECT_ID ?? '',
    secret: process.env.TESSERA_SECRET ?? '',
    base_url: process.env.TESSERA_BASE_URL ?? '',
    warn: () => {},
  });
  return client;
}

const runtime = typeof EdgeRuntime === 'string' ? EdgeRuntime : 'none';

function withRuntime(res: NextResponse): NextResponse {
  res.headers.set('x-tessera-runtime', runtime);
  res.headers.set('x-next-runtime', String(process.env.NEXT_RUNTIME));
  return res;
}

function toLogin(req: NextRequest, reason: string): NextResponse {
  const res = withRuntime(NextResponse.redirect(new URL('/login', req.url)));
  res.headers.set('x-tessera-reason', reason);
  return res;
}

function failure(e: unknown): string {
  if (e instanceof ClientError) return e.code;
  if (e instanceof TesseraError) return e.error_type;
  return e instanceof Error ? e.name : 'error';
}

export async function middleware(req: NextRequest): Promise<NextResponse> {
  const session_jwt = req.cookies.get('stytch_session_jwt')?.value;
  if (!session_jwt) return toLogin(req, 'no_session');

  const sessions = getClient().sessions;
  let local: string;
  try {
    local = `ok:${(await sessions.authenticateJwtLocal({ session_jwt })).session_id}`;
  } catch (e) {
    local = failure(e);
  }

  try {
    const result = await sessions.authenticateJwt({ session_jwt });
    // Local success is `{ session, session_jwt }`; the API fallback returns its whole response.
    const remote = 'request_id' in result;
    const res = withRuntime(NextResponse.next());
    res.headers.set('x-tessera-local', local);
    res.headers.set('x-tessera-verified', remote ? 'remote' : 'local');
    res.headers.set('x-tessera-session-id', result.session.session_id);
    return res;
  } catch (e) {
    const res = toLogin(req, failure(e));
    res.headers.set('x-tessera-local', local);
    return res;
  }
}

export const config = {
  matcher: ['/((?!login|_next/static|_next/image|favicon.ico).*)'],
};
