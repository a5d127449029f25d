import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type * as stytch from 'stytch';
import { createOrg, decodeJwtPayload, errorOf, loggedIn, memberWithPassword, STRONG_PASSWORD, uniqueEmail, useB2BServer } from './helpers.js';

const t = useB2BServer({ TESSERA_LOCKOUT_THRESHOLD: '3' });

const authenticate = (org: stytch.Organization, email: string, extra: Partial<stytch.B2BPasswordsAuthenticateRequest> = {}) =>
  t.client.passwords.authenticate({ organization_id: org.organization_id, email_address: email, password: STRONG_PASSWORD, ...extra });

describe('B2B passwords, through the official B2BClient', () => {
  it('authenticate: member_authenticated, an empty intermediate_session_token and a 60-minute session by default', async () => {
    const { org, member, login } = await loggedIn(t.client);
    expect(login).toMatchObject({
      status_code: 200,
      member_id: member.member_id,
      organization_id: org.organization_id,
      member_authenticated: true,
      intermediate_session_token: '',
      mfa_required: null,
      primary_required: null,
    });
    expect(login.member.member_id).toBe(member.member_id);
    expect(login.organization.organization_id).toBe(org.organization_id);
    expect(login.session_token).toMatch(/^[A-Za-z0-9_-]{44}$/);
    const s = login.member_session!;
    expect(s.member_session_id).toMatch(/^session-test-[0-9a-f-]{36}$/);
    expect(s).toMatchObject({ member_id: member.member_id, organization_id: org.organization_id, organization_slug: org.organization_slug, roles: ['stytch_member'], custom_claims: {} });
    expect(Date.parse(s.expires_at) - Date.parse(s.started_at)).toBe(60 * 60_000);
    expect(s.authentication_factors).toEqual([expect.objectContaining({ type: 'password', delivery_method: 'knowledge' })]);
    expect(decodeJwtPayload(login.session_jwt)['https://stytch.com/organization']).toEqual({ organization_id: org.organization_id, slug: org.organization_slug });
  });

  it('authenticate with session_duration_minutes and custom claims; by slug too', async () => {
    const org = await createOrg(t.client);
    const m = await memberWithPassword(t.client, org.organization_id);
    const r = await t.client.passwords.authenticate({ organization_id: org.organization_slug, email_address: m.email_address.toUpperCase(), password: STRONG_PASSWORD, session_duration_minutes: 15, session_custom_claims: { team: 'red' } });
    expect(Date.parse(r.member_session!.expires_at) - Date.parse(r.member_session!.started_at)).toBe(15 * 60_000);
    expect(r.member_session!.custom_claims).toEqual({ team: 'red' });
    expect(decodeJwtPayload(r.session_jwt).team).toBe('red');
  });

  it('authenticate with an existing session_token adds the factor to that session', async () => {
    const { org, member, login } = await loggedIn(t.client);
    t.srv.clock.advance(60_000);
    const again = await authenticate(org, member.email_address, { session_token: login.session_token });
    t.srv.clock.reset();
    expect(again.member_session!.member_session_id).toBe(login.member_session!.member_session_id);
    expect(again.session_token).toBe(login.session_token);
    expect(again.member_session!.authentication_factors).toHaveLength(1);
    // another member's session is refused, and left untouched
    const other = await loggedIn(t.client, { org });
    expect(await errorOf(authenticate(org, member.email_address, { session_token: other.login.session_token }))).toEqual([400, 'session_user_mismatch']);
  });

  it('a pending member becomes active with its first login; the migrated hash is upgraded', async () => {
    const org = await createOrg(t.client);
    const email = uniqueEmail('pending');
    await t.client.organizations.members.create({ organization_id: org.organization_id, email_address: email, create_member_as_pending: true });
    const migrated = await memberWithPassword(t.client, org.organization_id, { email_address: email });
    expect(migrated.status).toBe('pending');
    const r = await authenticate(org, email);
    expect(r.member.status).toBe('active');
    expect((await authenticate(org, email)).member_authenticated).toBe(true); // the argon2id hash verifies too
  });

  it('wrong password is 401 unauthorized_credentials and counts towards the lockout', async () => {
    const { org, member } = await loggedIn(t.client);
    for (let i = 0; i < 2; i++) expect(await errorOf(authenticate(org, member.email_address, { password: 'wrong-password-123' }))).toEqual([401, 'unauthorized_credentials']);
    expect(await errorOf(authenticate(org, member.email_address, { password: 'wrong-password-123' }))).toEqual([401, 'user_lock_limit_reached']);
    expect(await errorOf(authenticate(org, member.email_address))).toEqual([401, 'user_lock_limit_reached']);
    const got = await t.client.organizations.members.get({ organization_id: org.organization_id, member_id: member.member_id });
    expect(got.member.is_locked).toBe(true);
    expect(got.member.lock_expires_at).toBeTruthy();
  });

  it('MFA required by the organization: member_authenticated false, an intermediate token, no session', async () => {
    const org = await createOrg(t.client, { mfa_policy: 'REQUIRED_FOR_ALL' });
    const m = await memberWithPassword(t.client, org.organization_id, { mfa_phone_number: '+12025550111' });
    const r = await authenticate(org, m.email_address);
    expect(r).toMatchObject({ member_authenticated: false, session_token: '', session_jwt: '', member_session: null, primary_required: null });
    expect(r.intermediate_session_token).toMatch(/^[A-Za-z0-9_-]{43}=$/);
    expect(r.mfa_required).toEqual({ member_options: { mfa_phone_number: '+12025550111', totp_registration_id: '' }, secondary_auth_initiated: null });
    expect((await t.client.sessions.get({ organization_id: org.organization_id, member_id: m.member_id })).member_sessions).toEqual([]);
    // The intermediate token is redeemable once: the password factor joins it, MFA is still missing, so a
    // new intermediate token comes back; the first one is spent.
    const again = await authenticate(org, m.email_address, { intermediate_session_token: r.intermediate_session_token });
    expect(again).toMatchObject({ member_authenticated: false, member_session: null });
    expect(again.intermediate_session_token).not.toBe(r.intermediate_session_token);
    expect(await errorOf(authenticate(org, m.email_address, { intermediate_session_token: r.intermediate_session_token }))).toEqual([404, 'intermediate_session_not_found']);
  });

  it('an organization that restricts auth methods without password refuses it, except for breakglass members', async () => {
    const org = await createOrg(t.client, { auth_methods: 'RESTRICTED', allowed_auth_methods: ['sso'] });
    const m = await memberWithPassword(t.client, org.organization_id);
    expect(await errorOf(authenticate(org, m.email_address))).toEqual([403, 'operation_restricted_by_organization_auth_methods']);
    await t.client.organizations.members.update({ organization_id: org.organization_id, member_id: m.member_id, is_breakglass: true });
    expect((await authenticate(org, m.email_address)).member_authenticated).toBe(true);
  });

  it('negative: authenticate validators', async () => {
    const { org, member } = await loggedIn(t.client);
    const auth = (extra: Record<string, unknown>) => authenticate(org, member.email_address, extra as never);
    const cases: [Record<string, unknown>, number, string][] = [
      [{ email_address: 'nobody@example.com' }, 404, 'member_not_found'],
      [{ email_address: 'not-an-email' }, 400, 'invalid_email'],
      [{ organization_id: 'organization-test-nope' }, 404, 'organization_not_found'],
      [{ password: 12345 }, 400, 'invalid_argument'],
      [{ session_duration_minutes: 4 }, 400, 'invalid_session_duration_minutes'],
      [{ session_duration_minutes: '60' }, 400, 'invalid_session_duration_minutes'],
      [{ session_custom_claims: { 'https://stytch.com/organization': 1 } }, 400, 'stytch_claims_in_custom_claims'],
      [{ session_custom_claims: { big: 'x'.repeat(5000) } }, 400, 'custom_claims_too_large'],
      [{ session_token: 'x', session_jwt: 'y' }, 400, 'too_many_session_arguments'],
    ];
    for (const [extra, status, type] of cases) expect([extra, await errorOf(auth(extra))]).toEqual([extra, [status, type]]);
    const nopw = await t.client.organizations.members.create({ organization_id: org.organization_id, email_address: uniqueEmail('nopw') });
    expect(await errorOf(authenticate(org, nopw.member.email_address))).toEqual([404, 'member_password_not_found']);
    // none of these wrote a session
    expect((await t.client.sessions.get({ organization_id: org.organization_id, member_id: member.member_id })).member_sessions).toHaveLength(1);
  });

  it('strength_check: the B2B response shape', async () => {
    const weak = await t.client.passwords.strengthCheck({ password: 'password' });
    expect(weak).toMatchObject({ status_code: 200, valid_password: false, breached_password: false, strength_policy: 'zxcvbn', breach_detection_on_create: false });
    expect(weak.zxcvbn_feedback).toEqual({ warning: expect.any(String), suggestions: expect.any(Array) });
    expect(weak.luds_feedback).toMatchObject({ has_lower_case: true, has_upper_case: false });
    const strong = await t.client.passwords.strengthCheck({ password: STRONG_PASSWORD, email_address: 'ada@example.com' });
    expect(strong.valid_password).toBe(true);
    expect(strong.score).toBeGreaterThanOrEqual(3);
    expect(await errorOf(t.client.passwords.strengthCheck({ password: 'x', email_address: 'nope' }))).toEqual([400, 'invalid_email']);
    expect(await errorOf(t.client.passwords.strengthCheck({} as never))).toEqual([400, 'invalid_argument']);
  });

  it('migrate: creates the member with its fields, or sets the password of an existing one', async () => {
    const org = await createOrg(t.client);
    const email = uniqueEmail('mig');
    const hash = crypto.createHash('md5').update(STRONG_PASSWORD).digest('hex');
    const created = await t.client.passwords.migrate({
      organization_id: org.organization_id,
      email_address: email,
      hash,
      hash_type: 'md_5',
      name: 'Migrated',
      roles: ['stytch_admin'],
      trusted_metadata: { legacy_id: 7 },
      mfa_phone_number: '+12025550100',
      set_phone_number_verified: true,
      external_id: 'legacy-7',
    });
    expect(created).toMatchObject({ member_created: true, member_id: created.member.member_id, organization: { organization_id: org.organization_id } });
    expect(created.member).toMatchObject({ name: 'Migrated', is_admin: true, trusted_metadata: { legacy_id: 7 }, mfa_phone_number_verified: true, external_id: 'legacy-7' });
    expect(created.member.member_password_id).toMatch(/^member-password-test-[0-9a-f-]{36}$/);
    const existing = await t.client.organizations.members.create({ organization_id: org.organization_id, email_address: uniqueEmail('existing') });
    const updated = await t.client.passwords.migrate({ organization_id: org.organization_id, email_address: existing.member.email_address, hash, hash_type: 'md_5' });
    expect(updated.member_created).toBe(false);
    expect(updated.member_id).toBe(existing.member_id);
    expect((await authenticate(org, existing.member.email_address)).member_authenticated).toBe(true);
  });

  it('negative: migrate validators write nothing', async () => {
    const org = await createOrg(t.client);
    const email = uniqueEmail('migneg');
    const migrate = (extra: Record<string, unknown>) =>
      t.client.passwords.migrate({ organization_id: org.organization_id, email_address: email, hash: 'a'.repeat(32), hash_type: 'md_5', ...extra } as never);
    const cases: [Record<string, unknown>, number, string][] = [
      [{ hash_type: 'rot13' }, 400, 'invalid_hash_type'],
      [{ hash: 'zz' }, 400, 'invalid_password_hash'],
      [{ email_address: 'x' }, 400, 'invalid_email'],
      [{ roles: ['ghost'] }, 400, 'invalid_rbac_role_assignment'],
      [{ external_id: 'no spaces' }, 400, 'invalid_external_id'],
      [{ organization_id: 'organization-test-nope' }, 404, 'organization_not_found'],
    ];
    for (const [extra, status, type] of cases) expect([extra, await errorOf(migrate(extra))]).toEqual([extra, [status, type]]);
    expect(await errorOf(t.client.organizations.members.get({ organization_id: org.organization_id, email_address: email }))).toEqual([404, 'member_not_found']);
  });
});
