import { describe, expect, it } from 'vitest';
import { RFC3339, stytchError, uniqueEmail, useServer } from './helpers.js';

const t = useServer();

describe('users, through the official stytch t.client', () => {
  it('users.create returns Stytch ids, the status and the full user', async () => {
    const email = uniqueEmail('create');
    const res = await t.client.users.create({
      email,
      name: { first_name: 'Ada', last_name: 'Lovelace' },
      trusted_metadata: { plan: 'pro' },
      untrusted_metadata: { theme: 'dark' },
      external_id: `ext-${Date.now()}`,
      roles: ['editor'],
    });
    expect(res.status_code).toBe(200);
    expect(res.request_id).toMatch(/^request-id-test-[0-9a-f-]{36}$/);
    expect(res.user_id).toMatch(/^user-test-[0-9a-f-]{36}$/);
    expect(res.email_id).toMatch(/^email-test-[0-9a-f-]{36}$/);
    expect(res.phone_id).toBe('');
    expect(res.status).toBe('active');
    expect(res.user).toMatchObject({
      user_id: res.user_id,
      emails: [{ email_id: res.email_id, email, verified: false }],
      phone_numbers: [],
      name: { first_name: 'Ada', middle_name: '', last_name: 'Lovelace' },
      trusted_metadata: { plan: 'pro' },
      untrusted_metadata: { theme: 'dark' },
      roles: ['stytch_user', 'editor'],
      password: null,
      is_locked: false,
      webauthn_registrations: [],
      providers: [],
      totps: [],
      crypto_wallets: [],
      biometric_registrations: [],
      lock_created_at: null,
      lock_expires_at: null,
    });
    expect(res.user.created_at).toMatch(RFC3339);
  });

  it('users.create with a phone number and as pending', async () => {
    const res = await t.client.users.create({ phone_number: '+12025550123', create_user_as_pending: true });
    expect(res.phone_id).toMatch(/^phone-number-test-[0-9a-f-]{36}$/);
    expect(res.email_id).toBe('');
    expect(res.status).toBe('pending');
    expect(res.user.phone_numbers).toEqual([{ phone_id: res.phone_id, phone_number: '+12025550123', verified: false }]);
  });

  it('users.create refuses duplicates and bad input with Stytch error types', async () => {
    const email = uniqueEmail('dup');
    await t.client.users.create({ email });
    expect((await stytchError(t.client.users.create({ email: email.toUpperCase() }))).error_type).toBe('duplicate_email');
    expect((await stytchError(t.client.users.create({ email: 'not-an-email' }))).error_type).toBe('invalid_email');
    expect((await stytchError(t.client.users.create({ phone_number: '555' }))).error_type).toBe('invalid_phone_number');
    expect((await stytchError(t.client.users.create({}))).error_type).toBe('missing_email_or_phone_number');
    const e = await stytchError(t.client.users.create({ email: uniqueEmail(), trusted_metadata: { big: 'x'.repeat(5000) } }));
    expect([e.status_code, e.error_type]).toEqual([400, 'invalid_metadata']);
    expect((await stytchError(t.client.users.create({ email: uniqueEmail(), roles: ['stytch_admin'] }))).error_type).toBe('invalid_roles');
  });

  it('users.get returns the user flattened at the top level, by user_id or external_id', async () => {
    const external_id = `ext-get-${Date.now()}`;
    const { user_id } = await t.client.users.create({ email: uniqueEmail('get'), external_id });
    const got = await t.client.users.get({ user_id });
    expect(got.user_id).toBe(user_id);
    expect(got.emails).toHaveLength(1);
    expect(got.status_code).toBe(200);
    expect((got as unknown as { user?: unknown }).user).toBeUndefined();
    expect((await t.client.users.get({ user_id: external_id })).user_id).toBe(user_id);
    const e = await stytchError(t.client.users.get({ user_id: 'user-test-00000000-0000-4000-8000-000000000000' }));
    expect([e.status_code, e.error_type, e.error_message]).toEqual([404, 'user_not_found', 'User could not be found.']);
  });

  it('users.update merges metadata at the top level, null deletes, and name parts are kept', async () => {
    const { user_id } = await t.client.users.create({
      email: uniqueEmail('upd'),
      name: { first_name: 'Grace', last_name: 'Hopper' },
      trusted_metadata: { a: 1, b: { c: 2 } },
    });
    const res = await t.client.users.update({ user_id, name: { middle_name: 'Brewster' }, trusted_metadata: { a: null, b: { d: 3 }, e: 'x' } });
    expect(res.user_id).toBe(user_id);
    expect(res.user.name).toEqual({ first_name: 'Grace', middle_name: 'Brewster', last_name: 'Hopper' });
    expect(res.user.trusted_metadata).toEqual({ b: { d: 3 }, e: 'x' });
    expect(res.emails).toEqual(res.user.emails);
    expect(res.crypto_wallets).toEqual([]);
    expect((await stytchError(t.client.users.update({ user_id, roles: ['stytch_member'] }))).error_type).toBe('invalid_roles');
    expect((await stytchError(t.client.users.update({ user_id: 'nope', name: { first_name: 'x' } }))).error_type).toBe('user_not_found');
  });

  it('users.update refuses an external_id another user has', async () => {
    const a = await t.client.users.create({ email: uniqueEmail(), external_id: `taken-${Date.now()}` });
    const b = await t.client.users.create({ email: uniqueEmail() });
    const e = await stytchError(t.client.users.update({ user_id: b.user_id, external_id: a.user.external_id! }));
    expect(e.error_type).toBe('duplicate_external_id');
  });

  it('users.search filters and paginates with cursors; searchAll walks every page', async () => {
    const tag = `srch${Date.now()}`;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await t.client.users.create({ email: `${tag}.${i}@example.com`, name: { first_name: `Zed${tag}` } })).user_id);
    const page1 = await t.client.users.search({ limit: 2, query: { operator: 'AND', operands: [{ filter_name: 'email_address_fuzzy', filter_value: tag }] } });
    expect(page1.results.map((u) => u.user_id)).toEqual(ids.slice(0, 2));
    expect(page1.results_metadata.total).toBe(5);
    expect(page1.results_metadata.next_cursor).toBeTruthy();
    const page2 = await t.client.users.search({ limit: 2, cursor: page1.results_metadata.next_cursor!, query: { operator: 'AND', operands: [{ filter_name: 'email_address_fuzzy', filter_value: tag }] } });
    expect(page2.results.map((u) => u.user_id)).toEqual(ids.slice(2, 4));

    const all: string[] = [];
    for await (const results of t.client.users.searchAll({ limit: 2, query: { operator: 'OR', operands: [{ filter_name: 'full_name_fuzzy', filter_value: `zed${tag}` }] } })) {
      all.push(...results.map((u) => u.user_id));
    }
    expect(all).toEqual(ids);

    const exact = await t.client.users.search({ query: { operator: 'AND', operands: [{ filter_name: 'email_address', filter_value: [`${tag}.3@example.com`] }, { filter_name: 'status', filter_value: 'active' }] } });
    expect(exact.results.map((u) => u.user_id)).toEqual([ids[3]]);
    const none = await t.client.users.search({ query: { operator: 'AND', operands: [{ filter_name: 'user_id', filter_value: [ids[0]!] }, { filter_name: 'password_exists', filter_value: true }] } });
    expect(none.results).toEqual([]);
    expect(none.results_metadata).toEqual({ total: 0, next_cursor: null });
  });

  it('users.search refuses unknown filters, bad values and bad cursors', async () => {
    const bad = (q: object) => stytchError(t.client.users.search(q as never));
    expect((await bad({ query: { operator: 'AND', operands: [{ filter_name: 'shoe_size', filter_value: 9 }] } })).error_type).toBe('invalid_search_query');
    expect((await bad({ query: { operator: 'XOR', operands: [] } })).error_type).toBe('invalid_search_query');
    expect((await bad({ query: { operator: 'AND', operands: [{ filter_name: 'email_verified', filter_value: 'yes' }] } })).error_type).toBe('invalid_search_query');
    expect((await bad({ cursor: 'garbage!' })).error_type).toBe('invalid_cursor');
    expect((await bad({ limit: 5000 })).error_type).toBe('invalid_argument');
  });

  it("users.delete removes the user and revokes the user's sessions", async () => {
    const email = uniqueEmail('del');
    const created = await t.client.passwords.create({ email, password: 'correct-horse-battery-staple-42!', session_duration_minutes: 60 });
    const res = await t.client.users.delete({ user_id: created.user_id });
    expect(res).toMatchObject({ user_id: created.user_id, status_code: 200 });
    expect((await stytchError(t.client.users.get({ user_id: created.user_id }))).error_type).toBe('user_not_found');
    expect((await stytchError(t.client.sessions.authenticate({ session_token: created.session_token }))).error_type).toBe('session_not_found');
    expect((await stytchError(t.client.users.delete({ user_id: created.user_id }))).error_type).toBe('user_not_found');
  });
});
