import { describe, expect, it } from 'vitest';
import type * as stytch from 'stytch';
import { createOrg, errorOf, loggedIn, RFC3339, uniqueEmail, uniqueSlug, useB2BServer } from './helpers.js';

const t = useB2BServer();

const roleIds = (m: stytch.Member) => m.roles.map((r) => r.role_id);

describe('members, through the official B2BClient', () => {
  it('create: a Stytch Member object, stytch_member for everyone, member_id/member/organization in the answer', async () => {
    const org = await createOrg(t.client);
    const email = uniqueEmail('Create').replace('create', 'CrEaTe');
    const res = await t.client.organizations.members.create({ organization_id: org.organization_id, email_address: email, name: 'Ada Lovelace', untrusted_metadata: { theme: 'dark' } });
    expect(res.member_id).toMatch(/^member-test-[0-9a-f-]{36}$/);
    expect(res.organization.organization_id).toBe(org.organization_id);
    expect(res.member).toMatchObject({
      organization_id: org.organization_id,
      member_id: res.member_id,
      email_address: email.toLowerCase(),
      status: 'active',
      name: 'Ada Lovelace',
      sso_registrations: [],
      is_breakglass: false,
      member_password_id: '',
      oauth_registrations: [],
      email_address_verified: false,
      mfa_phone_number_verified: false,
      is_admin: false,
      totp_registration_id: '',
      retired_email_addresses: [],
      is_locked: false,
      mfa_enrolled: false,
      mfa_phone_number: '',
      default_mfa_method: '',
      roles: [{ role_id: 'stytch_member', sources: [{ type: 'direct_assignment', details: {} }] }],
      trusted_metadata: {},
      untrusted_metadata: { theme: 'dark' },
    });
    expect(res.member.created_at).toMatch(RFC3339);
  });

  it('create: stytch_admin when asked, pending, breakglass, MFA phone, external id', async () => {
    const org = await createOrg(t.client);
    const { member } = await t.client.organizations.members.create({
      organization_id: org.organization_slug,
      email_address: uniqueEmail('admin'),
      roles: ['stytch_admin'],
      create_member_as_pending: true,
      is_breakglass: true,
      mfa_phone_number: '+1 (202) 555-0123',
      mfa_enrolled: true,
      external_id: 'crm-42',
    });
    expect(member).toMatchObject({ status: 'pending', is_breakglass: true, mfa_phone_number: '+12025550123', mfa_enrolled: true, is_admin: true, external_id: 'crm-42' });
    expect(roleIds(member)).toEqual(['stytch_member', 'stytch_admin']);
  });

  it('create: duplicate_member_email within an organization, fine across organizations', async () => {
    const [a, b] = [await createOrg(t.client), await createOrg(t.client)];
    const email = uniqueEmail('dup');
    await t.client.organizations.members.create({ organization_id: a.organization_id, email_address: email });
    expect(await errorOf(t.client.organizations.members.create({ organization_id: a.organization_id, email_address: email.toUpperCase() }))).toEqual([400, 'duplicate_member_email']);
    expect((await t.client.organizations.members.create({ organization_id: b.organization_id, email_address: email })).member.organization_id).toBe(b.organization_id);
    await t.client.organizations.members.create({ organization_id: a.organization_id, email_address: uniqueEmail('ext'), external_id: 'same-ext' });
    expect(await errorOf(t.client.organizations.members.create({ organization_id: a.organization_id, email_address: uniqueEmail('ext2'), external_id: 'same-ext' }))).toEqual([400, 'duplicate_member_external_id']);
  });

  it('negative: every create validator answers its Stytch error type, and writes nothing', async () => {
    const org = await createOrg(t.client);
    const create = (extra: Record<string, unknown>) => t.client.organizations.members.create({ organization_id: org.organization_id, email_address: uniqueEmail('neg'), ...extra } as never);
    const cases: [Record<string, unknown>, number, string][] = [
      [{ email_address: 'not-an-email' }, 400, 'invalid_email'],
      [{ email_address: undefined }, 400, 'invalid_email'],
      [{ email_address: 5 }, 400, 'invalid_email'],
      [{ name: 'x'.repeat(1025) }, 400, 'invalid_argument'],
      [{ name: 7 }, 400, 'invalid_argument'],
      [{ trusted_metadata: [1] }, 400, 'invalid_metadata'],
      [{ untrusted_metadata: { big: 'x'.repeat(5000) } }, 400, 'invalid_metadata'],
      [{ mfa_phone_number: '555' }, 400, 'invalid_phone_number'],
      [{ roles: ['no_such_role'] }, 400, 'invalid_rbac_role_assignment'],
      [{ roles: 'stytch_admin' }, 400, 'invalid_rbac_role_assignment'],
      [{ roles: ['stytch_member'] }, 400, 'cannot_assign_default_rbac_role_id'],
      [{ external_id: 'bad id!' }, 400, 'invalid_external_id'],
      [{ is_breakglass: 'yes' }, 400, 'invalid_argument'],
      [{ organization_id: 'organization-test-nope' }, 404, 'organization_not_found'],
    ];
    for (const [extra, status, type] of cases) expect([extra, await errorOf(create(extra))]).toEqual([extra, [status, type]]);
    const { members } = await t.client.organizations.members.search({ organization_ids: [org.organization_id] });
    expect(members).toEqual([]);
  });

  it('get by member_id, external id or email_address; exactly one', async () => {
    const org = await createOrg(t.client);
    const email = uniqueEmail('get');
    const { member } = await t.client.organizations.members.create({ organization_id: org.organization_id, email_address: email, external_id: 'ext-get' });
    for (const q of [{ member_id: member.member_id }, { member_id: 'ext-get' }, { email_address: email.toUpperCase() }]) {
      const r = await t.client.organizations.members.get({ organization_id: org.organization_id, ...q });
      expect([r.member_id, r.member.member_id, r.organization.organization_id]).toEqual([member.member_id, member.member_id, org.organization_id]);
    }
    expect(await errorOf(t.client.organizations.members.get({ organization_id: org.organization_id }))).toEqual([400, 'invalid_member_get_fields']);
    expect(await errorOf(t.client.organizations.members.get({ organization_id: org.organization_id, member_id: member.member_id, email_address: email }))).toEqual([400, 'invalid_member_get_fields']);
    expect(await errorOf(t.client.organizations.members.get({ organization_id: org.organization_id, email_address: 'nobody@example.com' }))).toEqual([404, 'member_not_found']);
    expect(await errorOf(t.client.organizations.members.get({ organization_id: org.organization_id, email_address: 'not an email' }))).toEqual([400, 'invalid_email']);
    // a member of another organization is not found through this one
    const other = await createOrg(t.client);
    expect(await errorOf(t.client.organizations.members.get({ organization_id: other.organization_id, member_id: member.member_id }))).toEqual([404, 'member_not_found']);
  });

  it('update: fields, metadata merge, roles replace, a new email clears the password and is unverified', async () => {
    const { org, member } = await loggedIn(t.client);
    expect(member.member_password_id).toMatch(/^member-password-test-/);
    const { member: u, member_id } = await t.client.organizations.members.update({
      organization_id: org.organization_id,
      member_id: member.member_id,
      name: 'New Name',
      trusted_metadata: { tier: 'gold' },
      untrusted_metadata: { a: 1 },
      is_breakglass: true,
      mfa_enrolled: true,
      mfa_phone_number: '+12025550199',
      default_mfa_method: 'sms_otp',
      roles: ['stytch_admin'],
      external_id: 'upd-1',
    });
    expect(member_id).toBe(member.member_id);
    expect(u).toMatchObject({ name: 'New Name', trusted_metadata: { tier: 'gold' }, untrusted_metadata: { a: 1 }, is_breakglass: true, mfa_enrolled: true, mfa_phone_number: '+12025550199', default_mfa_method: 'sms_otp', is_admin: true, external_id: 'upd-1' });
    const merged = await t.client.organizations.members.update({ organization_id: org.organization_id, member_id: member.member_id, untrusted_metadata: { a: null, b: 2 }, roles: [] });
    expect(merged.member).toMatchObject({ untrusted_metadata: { b: 2 }, is_admin: false, trusted_metadata: { tier: 'gold' } });
    const email = uniqueEmail('moved');
    const moved = await t.client.organizations.members.update({ organization_id: org.organization_id, member_id: member.member_id, email_address: email });
    expect(moved.member).toMatchObject({ email_address: email, email_address_verified: false, member_password_id: '' });
  });

  it('negative: every update validator, and a refused update changes nothing', async () => {
    const org = await createOrg(t.client);
    const { member } = await t.client.organizations.members.create({ organization_id: org.organization_id, email_address: uniqueEmail('updneg'), name: 'Kept' });
    const taken = uniqueEmail('taken');
    await t.client.organizations.members.create({ organization_id: org.organization_id, email_address: taken });
    const update = (extra: Record<string, unknown>) => t.client.organizations.members.update({ organization_id: org.organization_id, member_id: member.member_id, name: 'Changed', ...extra } as never);
    const cases: [Record<string, unknown>, number, string][] = [
      [{ email_address: taken }, 400, 'duplicate_member_email'],
      [{ email_address: 'nope' }, 400, 'invalid_email'],
      [{ default_mfa_method: 'carrier_pigeon' }, 400, 'invalid_mfa_default_method'],
      [{ roles: ['stytch_member'] }, 400, 'cannot_assign_default_rbac_role_id'],
      [{ roles: ['ghost'] }, 400, 'invalid_rbac_role_assignment'],
      [{ mfa_phone_number: 'x' }, 400, 'invalid_phone_number'],
      [{ untrusted_metadata: 'x' }, 400, 'invalid_metadata'],
      [{ external_id: '!' }, 400, 'invalid_external_id'],
      [{ member_id: 'member-test-nope' }, 404, 'member_not_found'],
    ];
    for (const [extra, status, type] of cases) expect([extra, await errorOf(update(extra))]).toEqual([extra, [status, type]]);
    expect((await t.client.organizations.members.get({ organization_id: org.organization_id, member_id: member.member_id })).member.name).toBe('Kept');
  });

  it('delete, dangerously_get (include_deleted) and reactivate', async () => {
    const { org, member, login } = await loggedIn(t.client);
    const del = await t.client.organizations.members.delete({ organization_id: org.organization_id, member_id: member.member_id });
    expect(del).toMatchObject({ status_code: 200, member_id: member.member_id });
    // its sessions are revoked, it is gone from get, search and dangerously_get without include_deleted
    expect(await errorOf(t.client.sessions.authenticate({ session_token: login.session_token }))).toEqual([404, 'session_not_found']);
    expect(await errorOf(t.client.organizations.members.get({ organization_id: org.organization_id, member_id: member.member_id }))).toEqual([404, 'member_not_found']);
    expect(await errorOf(t.client.organizations.members.dangerouslyGet({ member_id: member.member_id }))).toEqual([404, 'member_not_found']);
    const dangerous = await t.client.organizations.members.dangerouslyGet({ member_id: member.member_id, include_deleted: true });
    expect(dangerous.member.status).toBe('deleted');
    expect(dangerous.organization.organization_id).toBe(org.organization_id);
    expect(await errorOf(t.client.organizations.members.delete({ organization_id: org.organization_id, member_id: member.member_id }))).toEqual([404, 'member_not_found']);
    // the email is free again while the member is deleted ...
    const stand_in = await t.client.organizations.members.create({ organization_id: org.organization_id, email_address: member.email_address });
    expect(await errorOf(t.client.organizations.members.reactivate({ organization_id: org.organization_id, member_id: member.member_id }))).toEqual([400, 'reactivation_email_belongs_to_another_member']);
    // ... and back to its owner once the stand-in is deleted
    await t.client.organizations.members.delete({ organization_id: org.organization_id, member_id: stand_in.member_id });
    const re = await t.client.organizations.members.reactivate({ organization_id: org.organization_id, member_id: member.member_id });
    expect(re.member).toMatchObject({ member_id: member.member_id, status: 'active' });
    expect(await errorOf(t.client.organizations.members.reactivate({ organization_id: org.organization_id, member_id: member.member_id }))).toEqual([404, 'no_deleted_member_found_for_reactivation']);
    expect(await errorOf(t.client.organizations.members.reactivate({ organization_id: org.organization_id, member_id: 'member-test-nope' }))).toEqual([404, 'member_not_found']);
  });

  it('search across organizations: the organizations map, filters, statuses, pagination', async () => {
    const [a, b, c] = [await createOrg(t.client), await createOrg(t.client), await createOrg(t.client)];
    const tag = uniqueSlug('ms');
    const made: stytch.Member[] = [];
    for (const [i, org] of [a, b, a, b].entries()) {
      made.push((await t.client.organizations.members.create({ organization_id: org.organization_id, email_address: `${tag}.${i}@example.com`, is_breakglass: i === 3, roles: i === 0 ? ['stytch_admin'] : [] })).member);
    }
    await t.client.organizations.members.create({ organization_id: c.organization_id, email_address: `${tag}.c@example.com` });
    const all = await t.client.organizations.members.search({ organization_ids: [a.organization_id, b.organization_id] });
    expect(all.members.map((m) => m.member_id)).toEqual(made.map((m) => m.member_id));
    expect(all.results_metadata).toEqual({ total: 4, next_cursor: null });
    expect(Object.keys(all.organizations).sort()).toEqual([a.organization_id, b.organization_id].sort());
    expect(all.organizations[a.organization_id]!.organization_slug).toBe(a.organization_slug);
    // pages
    const first = await t.client.organizations.members.search({ organization_ids: [a.organization_id, b.organization_id], limit: 3 });
    expect(first.members).toHaveLength(3);
    const second = await t.client.organizations.members.search({ organization_ids: [a.organization_id, b.organization_id], limit: 3, cursor: first.results_metadata.next_cursor! });
    expect(second.members.map((m) => m.member_id)).toEqual([made[3]!.member_id]);
    expect(second.results_metadata.next_cursor).toBeNull();
    expect(Object.keys(second.organizations)).toEqual([b.organization_id]);
    const find = (operands: { filter_name: string; filter_value: unknown }[]) =>
      t.client.organizations.members.search({ organization_ids: [a.organization_id, b.organization_id], query: { operator: 'AND', operands } as never }).then((r) => r.members.map((m) => m.email_address));
    expect(await find([{ filter_name: 'member_emails', filter_value: [`${tag}.1@EXAMPLE.com`] }])).toEqual([`${tag}.1@example.com`]);
    expect(await find([{ filter_name: 'member_email_fuzzy', filter_value: `${tag}.2` }])).toEqual([`${tag}.2@example.com`]);
    expect(await find([{ filter_name: 'member_is_breakglass', filter_value: true }])).toEqual([`${tag}.3@example.com`]);
    expect(await find([{ filter_name: 'member_ids', filter_value: [made[2]!.member_id] }])).toEqual([`${tag}.2@example.com`]);
    expect(await find([{ filter_name: 'member_roles', filter_value: ['stytch_admin'] }])).toEqual([`${tag}.0@example.com`]);
    expect(await find([{ filter_name: 'member_password_exists', filter_value: true }])).toEqual([]);
    // deleted members only with a statuses filter
    await t.client.organizations.members.delete({ organization_id: b.organization_id, member_id: made[1]!.member_id });
    expect(await find([])).toHaveLength(3);
    expect(await find([{ filter_name: 'statuses', filter_value: ['deleted'] }])).toEqual([`${tag}.1@example.com`]);
  });

  it('negative: search validators', async () => {
    const org = await createOrg(t.client);
    const bad = (body: Record<string, unknown>) => errorOf(t.client.organizations.members.search({ organization_ids: [org.organization_id], ...body } as never));
    expect(await bad({ organization_ids: [] })).toEqual([400, 'member_search_organization_ids_empty']);
    expect(await bad({ organization_ids: undefined })).toEqual([400, 'member_search_organization_ids_empty']);
    expect(await bad({ organization_ids: ['organization-test-nope'] })).toEqual([404, 'organization_not_found']);
    expect(await bad({ query: { operator: 'AND', operands: [{ filter_name: 'member_shoe_size', filter_value: 9 }] } })).toEqual([400, 'member_search_filter_name_not_recognized']);
    expect(await bad({ query: { operator: 'AND', operands: [{ filter_name: 'member_emails', filter_value: 'a@b.c' }] } })).toEqual([400, 'member_search_expected_array_of_strings']);
    expect(await bad({ query: { operator: 'AND', operands: [{ filter_name: 'member_is_breakglass', filter_value: 'true' }] } })).toEqual([400, 'member_search_expected_boolean']);
    expect(await bad({ query: { operator: 'AND', operands: [{ filter_name: 'member_email_fuzzy', filter_value: 'ab' }] } })).toEqual([400, 'member_search_expected_string']);
    expect(await bad({ query: { operator: 'NAND', operands: [] } })).toEqual([400, 'invalid_search_query']);
    expect(await bad({ cursor: '***' })).toEqual([400, 'invalid_cursor']);
    expect(await bad({ limit: -1 })).toEqual([400, 'invalid_argument']);
  });
});
