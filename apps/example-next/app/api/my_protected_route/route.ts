/**
 * The guide's protected route handler: the `stytch_session` cookie checked with `sessions.authenticate`.
 * 200 with the member when it is live; 401 without a cookie or when the session was revoked or expired.
 */
import { cookies } from 'next/headers';
import loadStytch from '../../../lib/loadStytch';

export async function GET() {
  const session = (await cookies()).get('stytch_session')?.value;
  if (!session) return Response.json({ errorString: 'No session provided' }, { status: 401 });
  try {
    const { member, member_session } = await loadStytch().sessions.authenticate({ session_token: session });
    // Request is authenticated - safe to fetch/return data for authorized users
    return Response.json({ member_id: member.member_id, email_address: member.email_address, member_session_id: member_session.member_session_id });
  } catch (error) {
    const errorType = (error as { error_type?: string }).error_type ?? 'error';
    return Response.json({ errorString: errorType }, { status: 401 });
  }
}
