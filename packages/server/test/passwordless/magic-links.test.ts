/**
 * Consumer email magic links (issue #16) through the official `stytch` client against a real server: the
 * link is read back from the test outbox and followed as the application would.
 */
import { describe, expect, it } from 'vitest';
import { STRONG_PASSWORD, stytchError, uniqueEmail, useServer } from '../compat/helpers.js';
import { footprint, lastLink, outbox, pkcePair, ROOMY_LIMITS } from './helpers.js';

const t = useServer(ROOMY_LIMITS);
const LOGIN = 'https://app.example.com/authenticate';
const SIGNUP = 'https://app.example.com/welcome';
const urls = { login_magic_link_url: LOGIN, signup_magic_link_url: SIGNUP };

describe('magic links: login_or_create, send, authenticate', () => {
  it('a new address gets a user and a signup link (one week); following it verifies the email and starts a session', async () => {
    const email = uniqueEmail('ml-new');
    const res = await t.client.magicLinks.email.loginOrCreate({ email, ...urls });
    expect(res).toMatchObject({ status_code: 200, user_created: true });
    expect(res.user_id).toMatch(/^user-test-[0-9a-f-]{36}$/);
    expect(res.email_id).toMatch(/^email-test-[0-9a-f-]{36}$/);

    const link = await lastLink(t.srv, email);
    expect(link.kind).toBe('signup');
    expect(link.expiration_minutes).toBe(10_080);
    expect(link.url.origin + link.url.pathname).toBe(SIGNUP);
    expect(link.url.searchParams.get('stytch_token_type')).toBe('magic_links');
    expect(link.token).toHaveLength(44);

    const before = await t.client.users.get({ user_id: res.user_id });
    expect(before.emails[0]?.verified).toBe(false);

    const auth = await t.client.magicLinks.authenticate({ token: link.token, session_duration_minutes: 60 });
    expect(auth).toMatchObject({ user_id: res.user_id, method_id: res.email_id, reset_sessions: false });
    expect(auth.session_token).toHaveLength(44);
    expect(auth.session?.authentication_factors).toEqual([
      expect.objectContaining({ type: 'magic_link', delivery_method: 'email', email_factor: { email_id: res.email_id, email_address: email } }),
    ]);
    expect(auth.user.emails[0]).toMatchObject({ email, verified: true });
    const session = await t.client.sessions.authenticate({ session_token: auth.session_token });
    expect(session.user.user_id).toBe(res.user_id);
  });

  it('an active user gets a login link (60 minutes); the token works once', async () => {
    const email = uniqueEmail('ml-login');
    const created = await t.client.users.create({ email });
    const res = await t.client.magicLinks.email.loginOrCreate({ email, ...urls });
    expect(res).toMatchObject({ user_id: created.user_id, email_id: created.email_id, user_created: false });
    const link = await lastLink(t.srv, email);
    expect([link.kind, link.expiration_minutes, link.url.origin + link.url.pathname]).toEqual(['login', 60, LOGIN]);

    const first = await t.client.magicLinks.authenticate({ token: link.token });
    // No session_duration_minutes: no session, empty tokens (Stytch's shape).
    expect(first).toMatchObject({ user_id: created.user_id, session_token: '', session_jwt: '', reset_sessions: false });
    expect(first.session ?? null).toBeNull();
    const again = await stytchError(t.client.magicLinks.authenticate({ token: link.token }));
    expect([again.status_code, again.error_type]).toEqual([401, 'unable_to_auth_magic_link']);
    const unknown = await stytchError(t.client.magicLinks.authenticate({ token: 'A'.repeat(43) + '=' }));
    expect([unknown.status_code, unknown.error_type]).toEqual([404, 'magic_link_not_found']);
  });

  it('create_user_as_pending: the user stays pending until the link is used; a pending user keeps getting signup links', async () => {
    const email = uniqueEmail('ml-pending');
    const res = await t.client.magicLinks.email.loginOrCreate({ email, ...urls, create_user_as_pending: true, signup_expiration_minutes: 30 });
    expect((await t.client.users.get({ user_id: res.user_id })).status).toBe('pending');
    await t.client.magicLinks.email.loginOrCreate({ email, ...urls });
    const link = await lastLink(t.srv, email);
    expect(link.kind).toBe('signup');
    const auth = await t.client.magicLinks.authenticate({ token: link.token, session_duration_minutes: 10 });
    expect(auth.user.status).toBe('active');
    expect((await t.client.users.get({ user_id: res.user_id })).status).toBe('active');
  });

  it('send: an existing user gets a login link; an unknown address is 404 email_not_found and nothing is sent', async () => {
    const email = uniqueEmail('ml-send');
    const { user_id, email_id } = await t.client.users.create({ email });
    const res = await t.client.magicLinks.email.send({ email, login_magic_link_url: LOGIN, login_expiration_minutes: 15 });
    expect(res).toMatchObject({ user_id, email_id, status_code: 200 });
    expect((await lastLink(t.srv, email)).expiration_minutes).toBe(15);
    const nobody = uniqueEmail('ml-nobody');
    const e = await stytchError(t.client.magicLinks.email.send({ email: nobody, login_magic_link_url: LOGIN }));
    expect([e.status_code, e.error_type]).toEqual([404, 'email_not_found']);
    expect(await outbox(t.srv, nobody)).toEqual([]);
  });

  it('send with user_id or a session adds the address (unverified) to that user; using the link verifies it', async () => {
    const first = uniqueEmail('ml-primary');
    const { user_id } = await t.client.passwords.create({ email: first, password: STRONG_PASSWORD });
    const second = uniqueEmail('ml-second');
    const res = await t.client.magicLinks.email.send({ email: second, user_id, login_magic_link_url: LOGIN });
    expect(res.user_id).toBe(user_id);
    const user = await t.client.users.get({ user_id });
    expect(user.emails.map((e) => [e.email, e.verified])).toEqual([
      [first, false],
      [second, false],
    ]);
    const auth = await t.client.magicLinks.authenticate({ token: (await lastLink(t.srv, second)).token });
    expect(auth.method_id).toBe(res.email_id);
    expect(auth.user.emails.find((e) => e.email === second)?.verified).toBe(true);

    // Through a session: a third address.
    const login = await t.client.passwords.authenticate({ email: first, password: STRONG_PASSWORD, session_duration_minutes: 30 });
    const third = uniqueEmail('ml-third');
    const viaSession = await t.client.magicLinks.email.send({ email: third, session_token: login.session_token, login_magic_link_url: LOGIN });
    expect(viaSession.user_id).toBe(user_id);
    // Another user's address cannot be added.
    const other = uniqueEmail('ml-other');
    await t.client.users.create({ email: other });
    const dup = await stytchError(t.client.magicLinks.email.send({ email: other, user_id, login_magic_link_url: LOGIN }));
    expect([dup.status_code, dup.error_type]).toEqual([400, 'duplicate_email']);
  });

  it('with session_token, authenticating adds the magic_link factor to that session', async () => {
    const email = uniqueEmail('ml-stepup');
    await t.client.passwords.create({ email, password: STRONG_PASSWORD });
    const login = await t.client.passwords.authenticate({ email, password: STRONG_PASSWORD, session_duration_minutes: 30 });
    await t.client.magicLinks.email.send({ email, login_magic_link_url: LOGIN });
    const auth = await t.client.magicLinks.authenticate({ token: (await lastLink(t.srv, email)).token, session_token: login.session_token });
    expect(auth.session?.session_id).toBe(login.session?.session_id);
    expect(auth.session_token).toBe(login.session_token);
    expect(auth.session?.authentication_factors.map((f) => `${f.type}/${f.delivery_method}`)).toEqual(['password/knowledge', 'magic_link/email']);
    const email_factor = auth.session?.authentication_factors[1]?.email_factor;
    expect(email_factor).toEqual({ email_id: auth.method_id, email_address: email });
  });

  it('a bad session_token is 404 session_not_found and does not spend the link', async () => {
    const email = uniqueEmail('ml-badsession');
    await t.client.users.create({ email });
    await t.client.magicLinks.email.send({ email, login_magic_link_url: LOGIN });
    const { token } = await lastLink(t.srv, email);
    const e = await stytchError(t.client.magicLinks.authenticate({ token, session_token: 'x'.repeat(44) }));
    expect([e.status_code, e.error_type]).toEqual([404, 'session_not_found']);
    expect((await t.client.magicLinks.authenticate({ token })).status_code).toBe(200);
  });

  it('PKCE: a flow started with a code_challenge needs the matching verifier; one started without refuses a verifier', async () => {
    const email = uniqueEmail('ml-pkce');
    await t.client.users.create({ email });
    const { verifier, challenge } = pkcePair();
    await t.client.magicLinks.email.loginOrCreate({ email, ...urls, code_challenge: challenge });
    const { token } = await lastLink(t.srv, email);
    const missing = await stytchError(t.client.magicLinks.authenticate({ token }));
    expect([missing.status_code, missing.error_type]).toEqual([400, 'pkce_expected_code_verifier']);
    const wrong = await stytchError(t.client.magicLinks.authenticate({ token, code_verifier: pkcePair().verifier }));
    expect([wrong.status_code, wrong.error_type]).toEqual([400, 'pkce_mismatch']);
    // The failed checks did not spend the link.
    expect((await t.client.magicLinks.authenticate({ token, code_verifier: verifier })).status_code).toBe(200);

    await t.client.magicLinks.email.loginOrCreate({ email, ...urls });
    const plain = await lastLink(t.srv, email);
    const unexpected = await stytchError(t.client.magicLinks.authenticate({ token: plain.token, code_verifier: verifier }));
    expect([unexpected.status_code, unexpected.error_type]).toEqual([400, 'pkce_did_not_expect_code_verifier']);
  });

  it('options.ip_match_required / user_agent_match_required compare with the send request; a mismatch is 401 and spends nothing', async () => {
    const email = uniqueEmail('ml-attrs');
    await t.client.users.create({ email });
    const attributes = { ip_address: '203.0.113.7', user_agent: 'Mozilla/5.0 (X11; Linux x86_64)' };
    await t.client.magicLinks.email.loginOrCreate({ email, ...urls, attributes });
    const { token } = await lastLink(t.srv, email);
    const ip = await stytchError(t.client.magicLinks.authenticate({ token, options: { ip_match_required: true, user_agent_match_required: false }, attributes: { ip_address: '198.51.100.1' } }));
    expect([ip.status_code, ip.error_type]).toEqual([401, 'attribute_mismatch']);
    const ua = await stytchError(t.client.magicLinks.authenticate({ token, options: { ip_match_required: false, user_agent_match_required: true }, attributes: { ...attributes, user_agent: 'curl/8' } }));
    expect([ua.status_code, ua.error_type]).toEqual([401, 'attribute_mismatch']);
    const ok = await t.client.magicLinks.authenticate({ token, options: { ip_match_required: true, user_agent_match_required: true }, attributes, session_duration_minutes: 5 });
    expect(ok.session?.attributes).toEqual(attributes);
  });

  it('a link expires after its expiration_minutes (server clock advanced, no sleeping)', async () => {
    const email = uniqueEmail('ml-expiry');
    await t.client.users.create({ email });
    await t.client.magicLinks.email.loginOrCreate({ email, ...urls, login_expiration_minutes: 5 });
    const { token } = await lastLink(t.srv, email);
    await t.client.magicLinks.email.loginOrCreate({ email, ...urls, login_expiration_minutes: 5 });
    const second = (await lastLink(t.srv, email)).token;
    t.srv.clock.advance(4 * 60_000);
    expect((await t.client.magicLinks.authenticate({ token })).status_code).toBe(200);
    t.srv.clock.advance(61_000);
    const e = await stytchError(t.client.magicLinks.authenticate({ token: second }));
    expect([e.status_code, e.error_type]).toEqual([401, 'unable_to_auth_magic_link']);
  });

  it('invalid inputs get the right 4xx and write nothing', async () => {
    const before = await footprint(t.srv);
    const bad = async (p: Promise<unknown>, status: number, type: string) => {
      const e = await stytchError(p);
      expect([e.status_code, e.error_type]).toEqual([status, type]);
    };
    const email = uniqueEmail('ml-bad');
    await bad(t.client.magicLinks.email.loginOrCreate({ email, ...urls, login_expiration_minutes: 4 }), 400, 'invalid_expiration_minutes');
    await bad(t.client.magicLinks.email.loginOrCreate({ email, ...urls, signup_expiration_minutes: 10_081 }), 400, 'invalid_expiration_minutes');
    await bad(t.client.magicLinks.email.loginOrCreate({ email: 'not-an-email', ...urls }), 400, 'invalid_email');
    await bad(t.client.magicLinks.email.loginOrCreate({ email, signup_magic_link_url: 'javascript:alert(1)' }), 400, 'invalid_magic_link_url');
    await bad(t.client.magicLinks.email.loginOrCreate({ email, signup_magic_link_url: 'not a url' }), 400, 'invalid_magic_link_url');
    // No URL and no project default.
    await bad(t.client.magicLinks.email.loginOrCreate({ email }), 400, 'no_magic_link_url');
    await bad(t.client.magicLinks.email.invite({ email, invite_magic_link_url: LOGIN, invite_expiration_minutes: 0 }), 400, 'invalid_expiration_minutes');
    await bad(t.client.magicLinks.create({ user_id: 'user-test-00000000-0000-4000-8000-000000000000', expiration_minutes: 60 }), 404, 'user_not_found');
    expect(await footprint(t.srv)).toEqual(before);
  });

  it('unknown body fields are ignored', async () => {
    const email = uniqueEmail('ml-extra');
    const auth = Buffer.from(`${t.srv.project.project_id}:${t.srv.project.secret}`).toString('base64');
    const res = await fetch(`${t.srv.url}/v1/magic_links/email/login_or_create`, {
      method: 'POST',
      headers: { authorization: `Basic ${auth}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email, ...urls, brand_new_field: { x: 1 }, dfp_telemetry_id: 'abc' }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { user_created: boolean }).user_created).toBe(true);
  });
});

describe('magic links: invite, revoke_invite, embeddable', () => {
  it('invite creates a pending user with name and metadata; the invite link activates it', async () => {
    const email = uniqueEmail('ml-invite');
    const res = await t.client.magicLinks.email.invite({
      email,
      invite_magic_link_url: SIGNUP,
      name: { first_name: 'Ivy', last_name: 'Vite' },
      trusted_metadata: { plan: 'pro' },
    });
    const user = await t.client.users.get({ user_id: res.user_id });
    expect(user).toMatchObject({ status: 'pending', name: { first_name: 'Ivy', last_name: 'Vite' }, trusted_metadata: { plan: 'pro' } });
    const link = await lastLink(t.srv, email);
    expect([link.kind, link.expiration_minutes]).toEqual(['invite', 10_080]);
    const auth = await t.client.magicLinks.authenticate({ token: link.token, session_duration_minutes: 60 });
    expect(auth.user).toMatchObject({ status: 'active' });
    expect(auth.user.emails[0]?.verified).toBe(true);
    // Now active: a second invite is refused (decision: invite_not_allowed), and nothing is sent.
    const count = (await outbox(t.srv, email)).length;
    const e = await stytchError(t.client.magicLinks.email.invite({ email, invite_magic_link_url: SIGNUP }));
    expect([e.status_code, e.error_type]).toEqual([400, 'invite_not_allowed']);
    expect((await outbox(t.srv, email)).length).toBe(count);
  });

  it('revoke_invite ends live invite links; an unknown address is 404 email_not_found', async () => {
    const email = uniqueEmail('ml-revoke');
    await t.client.magicLinks.email.invite({ email, invite_magic_link_url: SIGNUP });
    const { token } = await lastLink(t.srv, email);
    const res = await t.client.magicLinks.email.revokeInvite({ email });
    expect(res.status_code).toBe(200);
    const e = await stytchError(t.client.magicLinks.authenticate({ token }));
    expect([e.status_code, e.error_type]).toEqual([401, 'unable_to_auth_magic_link']);
    const unknown = await stytchError(t.client.magicLinks.email.revokeInvite({ email: uniqueEmail('ml-noinvite') }));
    expect([unknown.status_code, unknown.error_type]).toEqual([404, 'email_not_found']);
  });

  it('magicLinks.create returns an embeddable token (no email) that authenticates with an embedded factor', async () => {
    const email = uniqueEmail('ml-embed');
    const { user_id } = await t.client.users.create({ email });
    const res = await t.client.magicLinks.create({ user_id, expiration_minutes: 10 });
    expect(res.user_id).toBe(user_id);
    expect(res.token).toHaveLength(44);
    expect(await outbox(t.srv, email)).toEqual([]);
    const auth = await t.client.magicLinks.authenticate({ token: res.token, session_duration_minutes: 30 });
    expect(auth.user_id).toBe(user_id);
    expect(auth.session?.authentication_factors[0]).toMatchObject({ type: 'magic_link', delivery_method: 'embedded' });
    const e = await stytchError(t.client.magicLinks.create({ user_id, expiration_minutes: 4 }));
    expect([e.status_code, e.error_type]).toEqual([400, 'invalid_expiration_minutes']);
  });
});
