/**
 * The guide's middleware: pages need a `stytch_session_jwt` cookie, verified with `authenticateJwt`
 * (locally against the cached JWKS first; Tessera's API only when that is not conclusive). Without one,
 * or with one that does not verify, the visitor goes to /login.
 *
 * Next 16 prints a deprecation notice for `middleware.ts` (the new name is `proxy.ts`, which always runs on
 * Node.js); this one runs on the edge runtime, as the guide's does.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { B2BClient } from '@tessera/node';

let client: B2BClient | undefined;

function stytchClient(): B2BClient {
  client ??= new B2BClient({
    project_id: process.env.STYTCH_PROJECT_ID ?? '',
    secret: process.env.STYTCH_SECRET ?? '',
    base_url: process.env.TESSERA_URL ?? '',
  });
  return client;
}

export async function middleware(req: NextRequest) {
  const sessionJwt = req.cookies.get('stytch_session_jwt')?.value;
  // If no session is present, redirect to authentication flow.
  if (!sessionJwt) return NextResponse.redirect(new URL('/login', req.nextUrl));
  try {
    await stytchClient().sessions.authenticateJwt({ session_jwt: sessionJwt });
  } catch {
    // If the session is not valid, redirect to authentication flow.
    return NextResponse.redirect(new URL('/login', req.nextUrl));
  }
  return NextResponse.next();
}

// Routes that do not require authentication checks: the login page, API routes (they check for themselves),
// Next's assets.
export const config = {
  matcher: ['/((?!api|login|_next/static|_next/image|favicon.ico|.*\\.png$).*)'],
};
