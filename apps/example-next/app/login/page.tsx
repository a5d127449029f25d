'use client';
/** B2B login: email and password into an organization (`passwords.authenticate`), then on to /profile. */
import { useEffect, useState, type FormEvent } from 'react';
import { useRouter } from 'next/navigation';
import { useStytchB2BClient, useStytchMemberSession } from '@tessera/nextjs/b2b';
import { usePublicConfig } from '../providers';

export default function Login() {
  const stytch = useStytchB2BClient();
  const router = useRouter();
  const { session, isInitialized } = useStytchMemberSession();
  const config = usePublicConfig();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (isInitialized && session) router.replace('/profile');
  }, [session, isInitialized, router]);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await stytch.passwords.authenticate({
        organization_id: String(form.get('organization')),
        email_address: String(form.get('email')),
        password: String(form.get('password')),
        session_duration_minutes: 60,
      });
      router.push('/profile');
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  }

  return (
    <main>
      <h1>Log in</h1>
      <form onSubmit={onSubmit} style={{ display: 'grid', gap: '0.5rem', maxWidth: 360 }}>
        <label>
          Organization (id or slug)
          <input name="organization" defaultValue={config.organization} required style={{ width: '100%' }} />
        </label>
        <label>
          Email
          <input name="email" type="email" autoComplete="username" required style={{ width: '100%' }} />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required style={{ width: '100%' }} />
        </label>
        <button id="login" type="submit" disabled={busy}>
          Log in
        </button>
      </form>
      {error && (
        <p id="login-error" role="alert" style={{ color: 'crimson' }}>
          {error}
        </p>
      )}
    </main>
  );
}
