import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { STRONG_PASSWORD, stytchError, uniqueEmail, useServer } from './helpers.js';

const t = useServer({ TESSERA_LOCKOUT_THRESHOLD: '3' });

const storedHash = async (userId: string) =>
  (await t.srv.server.runtime.deps.stores.users.get(t.srv.project.project_id, userId))!.password!.hash;

describe('passwords, through the official stytch t.client', () => {
  it('passwords.create makes a new user with a password id; an existing email is duplicate_email', async () => {
    const email = uniqueEmail('pw');
    const res = await t.client.passwords.create({ email, password: STRONG_PASSWORD, name: { first_name: 'Pat' } });
    expect(res.user_id).toMatch(/^user-test-/);
    expect(res.email_id).toMatch(/^email-test-/);
    expect(res.user.password?.password_id).toMatch(/^password-test-[0-9a-f-]{36}$/);
    expect(res.user.password?.requires_reset).toBe(false);
    expect(res.user.name?.first_name).toBe('Pat');
    expect(await storedHash(res.user_id)).toMatch(/^\$argon2id\$/);
    const dup = await stytchError(t.client.passwords.create({ email, password: STRONG_PASSWORD }));
    expect([dup.status_code, dup.error_type]).toEqual([400, 'duplicate_email']);
  });

  it('a weak password is weak_password and creates nothing', async () => {
    const email = uniqueEmail('weak');
    const e = await stytchError(t.client.passwords.create({ email, password: 'password1' }));
    expect([e.status_code, e.error_type]).toEqual([400, 'weak_password']);
    const found = await t.client.users.search({ query: { operator: 'AND', operands: [{ filter_name: 'email_address', filter_value: [email] }] } });
    expect(found.results).toEqual([]);
  });

  it('passwords.strengthCheck scores with zxcvbn (>= 3 is valid) and gives feedback', async () => {
    const weak = await t.client.passwords.strengthCheck({ password: 'password1' });
    expect(weak).toMatchObject({ valid_password: false, breached_password: false, strength_policy: 'zxcvbn', status_code: 200 });
    expect(weak.score).toBeLessThan(3);
    expect(weak.feedback?.suggestions.length).toBeGreaterThan(0);
    const strong = await t.client.passwords.strengthCheck({ password: STRONG_PASSWORD, email: 'pat@example.com' });
    expect(strong.valid_password).toBe(true);
    expect(strong.score).toBeGreaterThanOrEqual(3);
    expect(strong.feedback?.luds_requirements).toMatchObject({ has_lower_case: true, has_digit: true, has_symbol: true });
  });

  it('passwords.authenticate: right password -> session; wrong -> 401; unknown email -> 404', async () => {
    const email = uniqueEmail('auth');
    await t.client.passwords.create({ email, password: STRONG_PASSWORD });
    const ok = await t.client.passwords.authenticate({ email, password: STRONG_PASSWORD, session_duration_minutes: 30 });
    expect(ok.session?.authentication_factors[0]).toMatchObject({ type: 'password', delivery_method: 'knowledge' });
    expect(ok.session_token).toHaveLength(44);
    const wrong = await stytchError(t.client.passwords.authenticate({ email, password: 'not-the-password-at-all' }));
    expect([wrong.status_code, wrong.error_type]).toEqual([401, 'unauthorized_credentials']);
    const unknown = await stytchError(t.client.passwords.authenticate({ email: uniqueEmail('nobody'), password: STRONG_PASSWORD }));
    expect([unknown.status_code, unknown.error_type]).toEqual([404, 'email_not_found']);
  });

  it('a user without a password gets no_user_password', async () => {
    const email = uniqueEmail('nopw');
    await t.client.users.create({ email });
    expect((await stytchError(t.client.passwords.authenticate({ email, password: STRONG_PASSWORD }))).error_type).toBe('no_user_password');
  });

  it('repeated wrong passwords lock the user (user_lock_limit_reached), even for the right password, until the lock ends', async () => {
    const email = uniqueEmail('lock');
    const { user_id } = await t.client.passwords.create({ email, password: STRONG_PASSWORD });
    await stytchError(t.client.passwords.authenticate({ email, password: 'wrong-1-wrong-1' }));
    await stytchError(t.client.passwords.authenticate({ email, password: 'wrong-2-wrong-2' }));
    const third = await stytchError(t.client.passwords.authenticate({ email, password: 'wrong-3-wrong-3' }));
    expect(third.error_type).toBe('user_lock_limit_reached');
    expect((await stytchError(t.client.passwords.authenticate({ email, password: STRONG_PASSWORD }))).error_type).toBe('user_lock_limit_reached');
    const locked = await t.client.users.get({ user_id });
    expect(locked.is_locked).toBe(true);
    expect(locked.lock_expires_at).toBeTruthy();
    t.srv.clock.advance(3600_000 + 1000);
    await t.client.passwords.authenticate({ email, password: STRONG_PASSWORD });
    expect((await t.client.users.get({ user_id })).is_locked).toBe(false);
    t.srv.clock.reset();
  });

  it('passwords.migrate onto a locked user sets the new hash but keeps the lock until it expires', async () => {
    const email = uniqueEmail('miglock');
    const { user_id } = await t.client.passwords.create({ email, password: STRONG_PASSWORD });
    for (let i = 0; i < 3; i++) await stytchError(t.client.passwords.authenticate({ email, password: `wrong-${i}-wrong-${i}` }));
    expect((await t.client.users.get({ user_id })).is_locked).toBe(true);
    const migrated = await t.client.passwords.migrate({ email, hash: bcrypt.hashSync('imported password 2026', 4), hash_type: 'bcrypt' });
    expect(migrated.user.is_locked).toBe(true);
    expect((await stytchError(t.client.passwords.authenticate({ email, password: 'imported password 2026' }))).error_type).toBe('user_lock_limit_reached');
    t.srv.clock.advance(3600_000 + 1000);
    await t.client.passwords.authenticate({ email, password: 'imported password 2026' });
    t.srv.clock.reset();
  });

  it('passwords.migrate imports a bcrypt hash; the first login verifies it and upgrades it to argon2id', async () => {
    const email = uniqueEmail('mig');
    const hash = bcrypt.hashSync('legacy password from 2019', 10);
    const res = await t.client.passwords.migrate({ email, hash, hash_type: 'bcrypt', name: { first_name: 'Old' }, set_email_verified: true });
    expect(res.user_created).toBe(true);
    expect(res.user.emails[0]?.verified).toBe(true);
    expect(res.user.password?.password_id).toMatch(/^password-test-/);
    expect(await storedHash(res.user_id)).not.toMatch(/^\$argon2id\$/);
    expect((await stytchError(t.client.passwords.authenticate({ email, password: 'wrong password' }))).error_type).toBe('unauthorized_credentials');
    const ok = await t.client.passwords.authenticate({ email, password: 'legacy password from 2019', session_duration_minutes: 10 });
    expect(ok.user_id).toBe(res.user_id);
    expect(await storedHash(res.user_id)).toMatch(/^\$argon2id\$/);
    await t.client.passwords.authenticate({ email, password: 'legacy password from 2019' });

    // migrating onto an existing user sets its password
    const again = await t.client.passwords.migrate({ email, hash: bcrypt.hashSync('another one', 4), hash_type: 'bcrypt' });
    expect(again).toMatchObject({ user_id: res.user_id, user_created: false });
    await t.client.passwords.authenticate({ email, password: 'another one' });
  });

  it('passwords.migrate refuses unknown hash types and malformed hashes without creating anything', async () => {
    const email = uniqueEmail('badmig');
    expect((await stytchError(t.client.passwords.migrate({ email, hash: 'x', hash_type: 'rot13' }))).error_type).toBe('invalid_hash_type');
    expect((await stytchError(t.client.passwords.migrate({ email, hash: 'not a bcrypt hash', hash_type: 'bcrypt' }))).error_type).toBe('invalid_password_hash');
    expect((await stytchError(t.client.passwords.authenticate({ email, password: 'x' }))).error_type).toBe('email_not_found');
  });

  it('existingPassword.reset checks the old password, enforces strength and revokes every session', async () => {
    const email = uniqueEmail('reset');
    const created = await t.client.passwords.create({ email, password: STRONG_PASSWORD, session_duration_minutes: 60 });
    expect((await stytchError(t.client.passwords.existingPassword.reset({ email, existing_password: 'wrong', new_password: 'another-Strong-passphrase-99' }))).error_type).toBe(
      'unauthorized_credentials',
    );
    expect((await stytchError(t.client.passwords.existingPassword.reset({ email, existing_password: STRONG_PASSWORD, new_password: 'abc' }))).error_type).toBe(
      'weak_password',
    );
    await t.client.sessions.authenticate({ session_token: created.session_token }); // nothing was revoked by the failures
    const res = await t.client.passwords.existingPassword.reset({
      email,
      existing_password: STRONG_PASSWORD,
      new_password: 'another-Strong-passphrase-99',
      session_duration_minutes: 15,
    });
    expect(res.session_token).toHaveLength(44);
    expect((await stytchError(t.client.sessions.authenticate({ session_token: created.session_token }))).error_type).toBe('session_not_found');
    await t.client.sessions.authenticate({ session_token: res.session_token });
    await t.client.passwords.authenticate({ email, password: 'another-Strong-passphrase-99' });
  });

  it('passwords.sessions.reset needs a recent factor, keeps the current session and revokes the others', async () => {
    const email = uniqueEmail('sreset');
    const first = await t.client.passwords.create({ email, password: STRONG_PASSWORD, session_duration_minutes: 60 });
    const other = await t.client.passwords.authenticate({ email, password: STRONG_PASSWORD, session_duration_minutes: 60 });
    const res = await t.client.passwords.sessions.reset({ session_token: first.session_token, password: 'brand-new-Passphrase-2026' });
    expect(res.session?.session_id).toBe(first.session!.session_id);
    expect(res.session_token).toBe(first.session_token);
    expect((await stytchError(t.client.sessions.authenticate({ session_token: other.session_token }))).error_type).toBe('session_not_found');
    await t.client.passwords.authenticate({ email, password: 'brand-new-Passphrase-2026' });

    t.srv.clock.advance(6 * 60_000);
    const old = await stytchError(t.client.passwords.sessions.reset({ session_token: first.session_token, password: 'yet-another-Passphrase-2027' }));
    expect(old.error_type).toBe('session_too_old_to_reset_password');
    t.srv.clock.reset();
  });

  it('adding a factor with session_token refreshes that session instead of creating one', async () => {
    const email = uniqueEmail('mfa');
    const first = await t.client.passwords.create({ email, password: STRONG_PASSWORD, session_duration_minutes: 60 });
    const again = await t.client.passwords.authenticate({ email, password: STRONG_PASSWORD, session_token: first.session_token });
    expect(again.session?.session_id).toBe(first.session!.session_id);
    expect(again.session?.authentication_factors).toHaveLength(1);
    const other = await t.client.passwords.create({ email: uniqueEmail('mfa2'), password: STRONG_PASSWORD });
    const e = await stytchError(t.client.passwords.authenticate({ email: other.user.emails[0]!.email, password: STRONG_PASSWORD, session_token: first.session_token }));
    expect(e.error_type).toBe('session_user_mismatch');
  });
});
