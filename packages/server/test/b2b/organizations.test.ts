import { describe, expect, it } from 'vitest';
import { createOrg, errorOf, memberWithPassword, RFC3339, stytchError, uniqueEmail, uniqueSlug, useB2BServer } from './helpers.js';

const t = useB2BServer();


describe('organizations, through the official B2BClient', () => {
  it('create applies Stytch\'s documented defaults to every setting', async () => {
    const slug = uniqueSlug('acme');
    const { organization: o, status_code, request_id } = await t.client.organizations.create({ organization_name: 'Acme Inc', organization_slug: slug });
    expect(status_code).toBe(200);
    expect(request_id).toMatch(/^request-id-test-/);
    expect(o.organization_id).toMatch(/^organization-test-[0-9a-f-]{36}$/);
    expect(o).toMatchObject({
      organization_name: 'Acme Inc',
      organization_slug: slug,
      organization_logo_url: '',
      sso_jit_provisioning: 'ALL_ALLOWED',
      sso_jit_provisioning_allowed_connections: [],
      sso_active_connections: [],
      email_allowed_domains: [],
      email_jit_provisioning: 'NOT_ALLOWED',
      email_invites: 'ALL_ALLOWED',
      auth_methods: 'ALL_ALLOWED',
      allowed_auth_methods: [],
      mfa_policy: 'OPTIONAL',
      rbac_email_implicit_role_assignments: [],
      mfa_methods: 'ALL_ALLOWED',
      allowed_mfa_methods: [],
      oauth_tenant_jit_provisioning: 'NOT_ALLOWED',
      claimed_email_domains: [],
      first_party_connected_apps_allowed_type: 'ALL_ALLOWED',
      allowed_first_party_connected_apps: [],
      third_party_connected_apps_allowed_type: 'ALL_ALLOWED',
      allowed_third_party_connected_apps: [],
      custom_roles: [],
      trusted_metadata: {},
      allowed_oauth_tenants: {},
    });
    expect(o.created_at).toMatch(RFC3339);
    expect(o.updated_at).toMatch(RFC3339);
  });

  it('email_invites defaults to NOT_ALLOWED once any authentication setting is given', async () => {
    const o = await createOrg(t.client, { email_jit_provisioning: 'RESTRICTED', email_allowed_domains: ['Acme.example'] });
    expect(o).toMatchObject({ email_invites: 'NOT_ALLOWED', email_jit_provisioning: 'RESTRICTED', email_allowed_domains: ['acme.example'] });
    expect((await createOrg(t.client, { email_invites: 'RESTRICTED', mfa_policy: 'REQUIRED_FOR_ALL' })).email_invites).toBe('RESTRICTED');
    expect((await createOrg(t.client, { mfa_policy: 'REQUIRED_FOR_ALL' })).email_invites).toBe('ALL_ALLOWED');
  });

  it('create takes every setting, metadata and an external id', async () => {
    const o = await createOrg(t.client, {
      organization_logo_url: 'https://acme.example/logo.png',
      trusted_metadata: { plan: 'pro' },
      organization_external_id: `crm-${uniqueSlug()}`,
      sso_jit_provisioning: 'NOT_ALLOWED',
      auth_methods: 'RESTRICTED',
      allowed_auth_methods: ['password', 'magic_link'],
      mfa_methods: 'RESTRICTED',
      allowed_mfa_methods: ['totp'],
      oauth_tenant_jit_provisioning: 'RESTRICTED',
      allowed_oauth_tenants: { slack: ['T123'] },
      claimed_email_domains: ['acme.example'],
      rbac_email_implicit_role_assignments: [{ domain: 'acme.example', role_id: 'stytch_admin' }],
      first_party_connected_apps_allowed_type: 'RESTRICTED',
      allowed_first_party_connected_apps: ['app-1'],
    });
    expect(o).toMatchObject({
      trusted_metadata: { plan: 'pro' },
      auth_methods: 'RESTRICTED',
      allowed_auth_methods: ['password', 'magic_link'],
      allowed_mfa_methods: ['totp'],
      allowed_oauth_tenants: { slack: ['T123'] },
      claimed_email_domains: ['acme.example'],
      rbac_email_implicit_role_assignments: [{ domain: 'acme.example', role_id: 'stytch_admin' }],
      first_party_connected_apps_allowed_type: 'RESTRICTED',
      allowed_first_party_connected_apps: ['app-1'],
    });
    expect(o.organization_external_id).toMatch(/^crm-/);
  });

  it('a missing slug is derived from the name', async () => {
    const { organization } = await t.client.organizations.create({ organization_name: 'Zebra & Co' });
    expect(organization.organization_slug).toMatch(/^zebra-co(-[0-9a-f]{8})?$/);
    const again = await t.client.organizations.create({ organization_name: 'Zebra & Co' });
    expect(again.organization.organization_slug).not.toBe(organization.organization_slug);
  });

  it('slug validation and uniqueness', async () => {
    const slug = uniqueSlug();
    await createOrg(t.client, { organization_slug: slug });
    const dup = await stytchError(t.client.organizations.create({ organization_name: 'Other', organization_slug: slug }));
    expect([dup.status_code, dup.error_type, dup.error_message]).toEqual([400, 'organization_slug_already_used', 'The provided organization_slug is already used in another organization.']);
    for (const bad of ['a', 'has space', 'ü-umlaut', '---', 'x'.repeat(129), 'semi;colon']) {
      expect(await errorOf(t.client.organizations.create({ organization_name: 'Bad', organization_slug: bad }))).toEqual([400, 'invalid_organization_slug']);
    }
    for (const good of ['ab', 'a.b_c~d-e', '1-2']) expect((await createOrg(t.client, { organization_slug: `${good}${uniqueSlug('')}` })).organization_slug).toContain(good);
  });

  it('negative: every create validator answers its Stytch error type', async () => {
    const create = (extra: Record<string, unknown>) => t.client.organizations.create({ organization_name: 'Acme', organization_slug: uniqueSlug(), ...extra } as never);
    const cases: [Record<string, unknown>, string][] = [
      [{ organization_name: '' }, 'organization_name_missing'],
      [{ organization_name: undefined }, 'organization_name_missing'],
      [{ organization_name: 'x'.repeat(129) }, 'invalid_organization_name'],
      [{ organization_name: 42 }, 'invalid_organization_name'],
      [{ organization_slug: 7 }, 'invalid_organization_slug'],
      [{ organization_logo_url: 'https://x/' + 'y'.repeat(2100) }, 'organization_logo_url_too_long'],
      [{ trusted_metadata: 'nope' }, 'invalid_metadata'],
      [{ trusted_metadata: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i])) }, 'invalid_metadata'],
      [{ organization_external_id: 'has space' }, 'invalid_external_id'],
      [{ sso_jit_provisioning: 'SOMETIMES' }, 'invalid_organization_auth_factor_setting'],
      [{ email_jit_provisioning: 'ALL_ALLOWED' }, 'invalid_organization_auth_factor_setting'],
      [{ email_invites: 'yes' }, 'invalid_organization_auth_factor_setting'],
      [{ auth_methods: 'NOT_ALLOWED' }, 'invalid_organization_auth_factor_setting'],
      [{ auth_methods: 'RESTRICTED' }, 'allowed_auth_methods_required_for_restricted'],
      [{ allowed_auth_methods: ['carrier_pigeon'] }, 'invalid_organization_allowed_auth_methods'],
      [{ mfa_policy: 'ALWAYS' }, 'invalid_organization_mfa_policy'],
      [{ mfa_methods: 'RESTRICTED' }, 'allowed_mfa_methods_required_for_restricted'],
      [{ allowed_mfa_methods: ['email'] }, 'invalid_organization_allowed_mfa_methods'],
      [{ email_allowed_domains: ['not a domain'] }, 'organization_settings_invalid_domain'],
      [{ email_allowed_domains: ['gmail.com'] }, 'organization_settings_domain_too_common'],
      [{ email_allowed_domains: 'acme.example' }, 'organization_settings_invalid_domain'],
      [{ claimed_email_domains: ['nope'] }, 'organization_settings_invalid_claimed_domain'],
      [{ oauth_tenant_jit_provisioning: 'ALL_ALLOWED' }, 'invalid_organization_auth_factor_setting'],
      [{ allowed_oauth_tenants: { myspace: ['x'] } }, 'invalid_oauth_allowed_tenants_format'],
      [{ allowed_oauth_tenants: { slack: 'T1' } }, 'invalid_oauth_allowed_tenants_format'],
      [{ rbac_email_implicit_role_assignments: [{ domain: 'acme.example', role_id: 'no_such_role' }] }, 'invalid_rbac_role_assignment'],
      [{ rbac_email_implicit_role_assignments: [{ domain: 'acme.example', role_id: 'stytch_member' }] }, 'invalid_rbac_role_assignment'],
      [{ rbac_email_implicit_role_assignments: [{ domain: 'bad domain', role_id: 'stytch_admin' }] }, 'organization_settings_invalid_domain'],
      [{ third_party_connected_apps_allowed_type: 'MAYBE' }, 'invalid_organization_auth_factor_setting'],
    ];
    for (const [extra, type] of cases) expect([extra, await errorOf(create(extra))]).toEqual([extra, [400, type]]);
  });

  it('get by organization_id, slug or external id; unknown -> 404 organization_not_found', async () => {
    const external = `ext-${uniqueSlug()}`;
    const o = await createOrg(t.client, { organization_external_id: external });
    for (const ref of [o.organization_id, o.organization_slug, external]) {
      expect((await t.client.organizations.get({ organization_id: ref })).organization.organization_id).toBe(o.organization_id);
    }
    expect(await errorOf(t.client.organizations.get({ organization_id: 'organization-test-00000000-0000-4000-8000-000000000000' }))).toEqual([404, 'organization_not_found']);
    expect(await errorOf(t.client.organizations.get({ organization_id: 'x'.repeat(300) }))).toEqual([400, 'invalid_argument']);
  });

  it('update changes only what is sent, merges trusted_metadata, checks slug uniqueness', async () => {
    const o = await createOrg(t.client, { trusted_metadata: { a: 1, b: 2 } });
    t.srv.clock.advance(2000);
    const { organization: u } = await t.client.organizations.update({
      organization_id: o.organization_id,
      organization_name: 'Renamed',
      trusted_metadata: { b: null, c: 3 },
      mfa_policy: 'REQUIRED_FOR_ALL',
      email_allowed_domains: ['acme.example'],
    });
    t.srv.clock.reset();
    expect(u).toMatchObject({ organization_name: 'Renamed', organization_slug: o.organization_slug, trusted_metadata: { a: 1, c: 3 }, mfa_policy: 'REQUIRED_FOR_ALL', email_allowed_domains: ['acme.example'], email_invites: o.email_invites });
    expect(Date.parse(u.updated_at!)).toBeGreaterThan(Date.parse(o.updated_at!));
    const other = await createOrg(t.client);
    expect(await errorOf(t.client.organizations.update({ organization_id: o.organization_id, organization_slug: other.organization_slug }))).toEqual([400, 'organization_slug_already_used']);
    expect(await errorOf(t.client.organizations.update({ organization_id: o.organization_id, mfa_policy: 'NEVER' }))).toEqual([400, 'invalid_organization_mfa_policy']);
    expect(await errorOf(t.client.organizations.update({ organization_id: o.organization_id, sso_default_connection_id: 'saml-connection-test-1' }))).toEqual([400, 'invalid_argument']);
    expect(await errorOf(t.client.organizations.update({ organization_id: 'organization-test-nope', organization_name: 'x' }))).toEqual([404, 'organization_not_found']);
    // a refused update changed nothing
    expect((await t.client.organizations.get({ organization_id: o.organization_id })).organization).toMatchObject({ organization_name: 'Renamed', mfa_policy: 'REQUIRED_FOR_ALL' });
  });

  it('external ids are unique per project; "" clears one', async () => {
    const external = `ext-${uniqueSlug()}`;
    const a = await createOrg(t.client, { organization_external_id: external });
    expect(await errorOf(createOrg(t.client, { organization_external_id: external }))).toEqual([400, 'duplicate_organization']);
    const cleared = await t.client.organizations.update({ organization_id: a.organization_id, organization_external_id: '' });
    expect(cleared.organization.organization_external_id).toBe('');
    expect((await createOrg(t.client, { organization_external_id: external })).organization_external_id).toBe(external);
  });

  it('delete removes the organization with its members; metrics counts live members', async () => {
    const o = await createOrg(t.client);
    const m = await memberWithPassword(t.client, o.organization_id);
    await t.client.organizations.members.create({ organization_id: o.organization_id, email_address: uniqueEmail('metrics') });
    expect((await t.client.organizations.metrics({ organization_id: o.organization_id })).member_count).toBe(2);
    const res = await t.client.organizations.delete({ organization_id: o.organization_slug });
    expect(res).toMatchObject({ status_code: 200, organization_id: o.organization_id });
    expect(await errorOf(t.client.organizations.get({ organization_id: o.organization_id }))).toEqual([404, 'organization_not_found']);
    expect(await errorOf(t.client.organizations.members.dangerouslyGet({ member_id: m.member_id, include_deleted: true }))).toEqual([404, 'member_not_found']);
    expect(await errorOf(t.client.organizations.delete({ organization_id: o.organization_id }))).toEqual([404, 'organization_not_found']);
  });

  it('search: filters, AND/OR, and cursor pagination through every page', async () => {
    const tag = uniqueSlug('srch');
    const orgs = [];
    for (let i = 0; i < 5; i++) orgs.push(await createOrg(t.client, { organization_name: `${tag} ${i % 2 ? 'odd' : 'even'}`, organization_slug: `${tag}-${i}`, email_allowed_domains: [`d${i}.${tag}.example`] }));
    const byName = { filter_name: 'organization_name_fuzzy', filter_value: tag } as const;
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await t.client.organizations.search({ limit: 2, query: { operator: 'AND', operands: [byName] }, ...(cursor ? { cursor } : {}) });
      expect(page.results_metadata.total).toBe(5);
      expect(page.organizations.length).toBeLessThanOrEqual(2);
      seen.push(...page.organizations.map((o) => o.organization_id));
      cursor = page.results_metadata.next_cursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(orgs.map((o) => o.organization_id));
    const search = (operands: { filter_name: string; filter_value: unknown }[], operator = 'AND') =>
      t.client.organizations.search({ query: { operator, operands } as never }).then((r) => r.organizations.map((o) => o.organization_slug));
    expect(await search([byName, { filter_name: 'organization_slug_fuzzy', filter_value: `${tag}-3` }])).toEqual([`${tag}-3`]);
    expect(await search([{ filter_name: 'organization_slugs', filter_value: [`${tag}-0`, `${tag}-4`] }])).toEqual([`${tag}-0`, `${tag}-4`]);
    expect(await search([{ filter_name: 'organization_ids', filter_value: [orgs[1]!.organization_id] }, { filter_name: 'organization_slugs', filter_value: [`${tag}-2`] }], 'OR')).toEqual([`${tag}-1`, `${tag}-2`]);
    expect(await search([{ filter_name: 'allowed_domains', filter_value: [`d2.${tag}.example`] }])).toEqual([`${tag}-2`]);
    expect(await search([{ filter_name: 'allowed_domain_fuzzy', filter_value: `d4.${tag}` }])).toEqual([`${tag}-4`]);
    expect(await search([byName, { filter_name: 'has_active_sso_connection', filter_value: true }])).toEqual([]);
    const email = uniqueEmail('orgsearch');
    await t.client.organizations.members.create({ organization_id: orgs[3]!.organization_id, email_address: email });
    expect(await search([{ filter_name: 'member_emails', filter_value: [email.toUpperCase()] }])).toEqual([`${tag}-3`]);
    expect(await search([{ filter_name: 'member_email_fuzzy', filter_value: email.slice(0, 12) }])).toEqual([`${tag}-3`]);
  });

  it('negative: search validators', async () => {
    const bad = (body: Record<string, unknown>) => errorOf(t.client.organizations.search(body as never));
    expect(await bad({ query: { operator: 'AND', operands: [{ filter_name: 'shoe_size', filter_value: 9 }] } })).toEqual([400, 'organization_search_filter_name_not_recognized']);
    expect(await bad({ query: { operator: 'AND', operands: [{ filter_name: 'organization_ids', filter_value: 'x' }] } })).toEqual([400, 'organization_search_expected_array_of_strings']);
    expect(await bad({ query: { operator: 'AND', operands: [{ filter_name: 'organization_name_fuzzy', filter_value: 'ab' }] } })).toEqual([400, 'organization_search_expected_string']);
    expect(await bad({ query: { operator: 'AND', operands: [{ filter_name: 'has_active_sso_connection', filter_value: 'yes' }] } })).toEqual([400, 'invalid_search_query']);
    expect(await bad({ query: { operator: 'XOR', operands: [] } })).toEqual([400, 'invalid_search_query']);
    expect(await bad({ cursor: 'garbage!' })).toEqual([400, 'invalid_cursor']);
    expect(await bad({ limit: 0 })).toEqual([400, 'invalid_argument']);
    expect(await bad({ limit: 1001 })).toEqual([400, 'invalid_argument']);
  });
});
