/**
 * @tessera/nextjs/server against a real server: sessions from cookies (JWT local-first, opaque token via
 * the API), null for none or a revoked one, the require* variants, renamed cookies, Next's async cookies().
 * `server-only` throws outside a react-server bundle, so it is mocked here (as Next does on the server).
 */
import { describe, expect, it, vi } from 'vitest';
import { getMemberSession, getSession, readSessionCookies, requireMemberSession, requireSession, UnauthenticatedError } from '@tessera/nextjs/server';
import { memberWithPassword, PASSWORD, useServer, userWithPassword } from '../../js/test/fixtures/server.js';

vi.mock('server-only', () => ({}));

const t = useServer();

const jar = (values: Record<string, string>) => ({ get: (name: string) => (name in values ? { value: values[name]! } : undefined) });

async function consumerLogin() {
  const { email } = await userWithPassword(t);
  const login = await t.backend.passwords.authenticate({ email, password: PASSWORD, session_duration_minutes: 60 });
  if (!login.session) throw new Error('no session');
  return { ...login, session: login.session };
}

describe('getSession / requireSession', () => {
  it('reads the JWT cookie and verifies it locally (no API call needed)', async () => {
    const login = await consumerLogin();
    const found = await getSession(t.backend, jar({ stytch_session_jwt: login.session_jwt }));
    expect(found?.session.session_id).toBe(login.session.session_id);
    expect(found?.session_jwt).toBe(login.session_jwt);
  });

  it('falls back to the opaque token; takes a promise of cookies (Next 15+ cookies())', async () => {
    const login = await consumerLogin();
    const found = await getSession(t.backend, Promise.resolve(jar({ stytch_session: login.session_token })));
    expect(found?.session.session_id).toBe(login.session.session_id);
  });

  it('null without cookies or after a revoke; requireSession throws UnauthenticatedError (401)', async () => {
    expect(await getSession(t.backend, jar({}))).toBeNull();
    const login = await consumerLogin();
    await t.backend.sessions.revoke({ session_token: login.session_token });
    expect(await getSession(t.backend, jar({ stytch_session: login.session_token }))).toBeNull();
    const err = await requireSession(t.backend, jar({ stytch_session: login.session_token })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnauthenticatedError);
    expect((err as UnauthenticatedError).status).toBe(401);
  });

  it('a stale JWT (max_token_age_seconds 0) is checked with the API, which knows the revoke', async () => {
    const login = await consumerLogin();
    await t.backend.sessions.revoke({ session_token: login.session_token });
    expect(await getSession(t.backend, jar({ stytch_session_jwt: login.session_jwt }), { max_token_age_seconds: 0 })).toBeNull();
  });

  it('renamed cookies', async () => {
    const login = await consumerLogin();
    const names = { opaqueTokenCookieName: 'session_token', jwtCookieName: 'jwt' };
    expect(await readSessionCookies(jar({ session_token: 'a', jwt: 'b' }), names)).toEqual({ session_token: 'a', session_jwt: 'b' });
    expect((await requireSession(t.backend, jar({ session_token: login.session_token }), names)).session.session_id).toBe(login.session.session_id);
  });
});

describe('getMemberSession / requireMemberSession', () => {
  it('the seed middleware and route handler: JWT or opaque token of a member', async () => {
    const { organization, member } = await memberWithPassword(t);
    const login = await t.b2b.passwords.authenticate({ organization_id: organization.organization_id, email_address: member.email_address, password: PASSWORD, session_duration_minutes: 60 });
    const byJwt = await getMemberSession(t.b2b, jar({ stytch_session_jwt: login.session_jwt }));
    expect(byJwt?.member_session.member_id).toBe(member.member_id);
    const byToken = await requireMemberSession(t.b2b, jar({ stytch_session: login.session_token }));
    expect(byToken.member_session.organization_id).toBe(organization.organization_id);
    await t.b2b.sessions.revoke({ session_token: login.session_token });
    expect(await getMemberSession(t.b2b, jar({ stytch_session: login.session_token }))).toBeNull();
    await expect(requireMemberSession(t.b2b, jar({}))).rejects.toBeInstanceOf(UnauthenticatedError);
  });
});
