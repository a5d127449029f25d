import 'server-only';
/**
 * The guide's `getStytchUser()`: authenticates the session in the `stytch_session` cookie with the API,
 * redirecting to /login when there is none. Server actions call it to gate what they do.
 * (`requireMemberSession(loadStytch(), cookies())` from `@tessera/nextjs/server` does the same in one call,
 * verifying `stytch_session_jwt` locally first.)
 */
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import loadStytch from './loadStytch';

export async function getStytchUser() {
  const cookieStore = await cookies();
  const sessionCookie = cookieStore.get('stytch_session');
  if (!sessionCookie) redirect('/login');

  let session;
  try {
    session = await loadStytch().sessions.authenticate({ session_token: sessionCookie.value });
  } catch {
    // revoked or expired
  }
  if (!session) redirect('/login');
  return session.member;
}
