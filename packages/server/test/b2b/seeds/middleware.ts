// @ts-nocheck -- published snippet text, kept as close to the guide as possible (see the FIX notes below).
// The Stytch B2B Next.js guide's `middleware.ts`: a Next.js middleware that calls
// `B2BClient.sessions.authenticateJwt` on the `stytch_session_jwt` cookie, as published.
// Changed only where it could not run:
//  - FIX(base URL): the client had no `env`, so it would call Stytch's own servers; `env` points it at
//    Tessera (`process.env.TESSERA_URL`), the one thing the seeds README allows to change.
// `next/server` and `next/headers` are provided by the test (vi.mock), as Next.js would at run time.
import { NextRequest, NextResponse } from 'next/server';
import * as stytch from 'stytch';
import { cookies } from 'next/headers';

export default async function middleware(req: NextRequest) {
  const path = req.nextUrl.pathname;
  // If this is an authentication request, continue.
  if (path === '/authenticate') return NextResponse.next();

  const sessionJwt = cookies().get('stytch_session_jwt')?.value;
  // If no session is present, redirect to authentication flow.
  if (!sessionJwt) return NextResponse.redirect(new URL('/login', req.nextUrl));

  const stytchClient = new stytch.B2BClient({
      project_id: process.env.STYTCH_PROJECT_ID || '',
      secret: process.env.STYTCH_SECRET || '',
      env: process.env.TESSERA_URL,
    });

  // authenticateJwt() will attempt to authenticate the Stytch JWT locally first, then, if that fails for any reason, will hit the Stytch API as a fallback.
  try {
    await stytchClient.sessions.authenticateJwt({
      session_jwt: sessionJwt
    });
  }
  catch (e) {   // If the session is not valid, redirect to authentication flow.
    return NextResponse.redirect(new URL('/login', req.nextUrl));
  }
}

// Routes that do not require authentication checks. 
export const config = {
  matcher: ['/((?!api|_next/static|_next/image|.*\\.png$).*)'],
}
