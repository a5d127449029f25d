'use client';
/**
 * The guide's profile page: the member and session hooks (stale-while-revalidate: `fromCache: true` from
 * localStorage first, then `false` once the session was checked with Tessera), and a redirect to /login
 * when the session is null (logged out here or in another tab, or revoked on the server).
 */
import { useActionState, useEffect, useState } from 'react';
import { useRouter } from 'next/navigation';
import { useStytchB2BClient, useStytchMember, useStytchMemberSession, useStytchOrganization } from '@tessera/nextjs/b2b';
import { saveNote } from './actions';

export default function Profile() {
  const router = useRouter();
  const stytch = useStytchB2BClient();
  const { member } = useStytchMember();
  const { organization } = useStytchOrganization();
  const { session, fromCache, isInitialized } = useStytchMemberSession();
  const [protectedStatus, setProtectedStatus] = useState<string>('not called');
  const [note, noteAction, saving] = useActionState(saveNote, null);

  useEffect(() => {
    // Redirect to the login page if the Session is null (e.g. no active Session)
    if (isInitialized && session === null) router.push('/login');
  }, [session, isInitialized, router]);

  async function callProtectedRoute() {
    const res = await fetch('/api/my_protected_route');
    setProtectedStatus(`${res.status} ${JSON.stringify(await res.json())}`);
  }

  return (
    <main>
      <h1>Your Profile</h1>
      <dl>
        <dt>Member</dt>
        <dd id="member-email">{member?.email_address ?? '…'}</dd>
        <dt>Organization</dt>
        <dd id="organization-name">{organization?.organization_name ?? '…'}</dd>
        <dt>Member session</dt>
        <dd id="session-id">{session?.member_session_id ?? '…'}</dd>
        <dt>Session state</dt>
        <dd id="session-state" data-initialized={String(isInitialized)} data-from-cache={String(fromCache)}>
          {!isInitialized ? 'initializing' : fromCache ? 'from cache (checking with the server…)' : 'checked with the server'}
        </dd>
      </dl>
      <p>
        <button id="call-protected" onClick={callProtectedRoute}>
          Call /api/my_protected_route
        </button>{' '}
        <span id="protected-status">{protectedStatus}</span>
      </p>
      <form action={noteAction}>
        <input name="note" placeholder="a note" defaultValue="hello" />{' '}
        <button id="save-note" type="submit" disabled={saving}>
          Save (server action)
        </button>{' '}
        <span id="note-result">{note?.message ?? ''}</span>
      </form>
      <p>
        <button id="logout" onClick={() => void stytch.session.revoke()}>
          Log out
        </button>
      </p>
      <pre style={{ background: '#f4f4f4', padding: '1rem', overflow: 'auto', fontSize: 12 }}>{JSON.stringify(member, null, 2)}</pre>
    </main>
  );
}
