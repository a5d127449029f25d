import { describe, expect, it } from 'vitest';
import type * as stytch from 'stytch';
import { b2bClient, createOrg, errorOf, loggedIn, stytchError, uniqueEmail, useB2BServer } from './helpers.js';

const t = useB2BServer();


/** `PUT /v1/b2b/rbac/policy` (Tessera's: Stytch's SDK has no method for it). */
async function putPolicy(project: { project_id: string; secret: string }, body: unknown) {
  const r = await fetch(`${t.srv.url}/v1/b2b/rbac/policy`, {
    method: 'PUT',
    headers: { authorization: 'Basic ' + Buffer.from(`${project.project_id}:${project.secret}`).toString('base64'), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

const DOCUMENTS = { resource_id: 'documents', description: 'Team documents', actions: ['read', 'write', 'delete'] };
const EDITOR = { role_id: 'editor', description: 'Edits documents', permissions: [{ resource_id: 'documents', actions: ['read', 'write'] }] };

describe('the RBAC policy', () => {
  it('GET /v1/b2b/rbac/policy: Tessera\'s default B2B policy until the project sets one', async () => {
    const { policy, status_code } = await t.client.rbac.policy();
    expect(status_code).toBe(200);
    const stytchResources = ['stytch.organization', 'stytch.member', 'stytch.sso', 'stytch.scim', 'stytch.self'];
    expect(policy!.resources.map((r) => r.resource_id)).toEqual(stytchResources);
    expect(policy!.resources.find((r) => r.resource_id === 'stytch.member')!.actions).toEqual(expect.arrayContaining(['create', 'search', 'delete', 'update.settings.roles']));
    expect(policy!.roles.map((r) => r.role_id)).toEqual(['stytch_admin', 'stytch_member']);
    expect(policy!.roles[0]!.permissions).toEqual(stytchResources.map((resource_id) => ({ resource_id, actions: ['*'] })));
    expect(policy!.roles[1]!.permissions).toEqual([{ resource_id: 'stytch.self', actions: ['*'] }]);
    expect(policy!.scopes).toEqual([]);
  });

  it('PUT sets a policy (roles, resources, scopes); GET serves it; what GET serves can be PUT back', async () => {
    const project = await t.srv.createProject();
    const c = b2bClient(t.srv, project);
    const set = await putPolicy(project, {
      policy: {
        resources: [DOCUMENTS],
        roles: [EDITOR, { role_id: 'stytch_member', description: 'everyone', permissions: [{ resource_id: 'documents', actions: ['read'] }, { resource_id: 'stytch.self', actions: ['*'] }] }],
        scopes: [{ scope: 'read:documents', description: '', permissions: [{ resource_id: 'documents', actions: ['read'] }] }],
      },
    });
    expect(set.status).toBe(200);
    const { policy } = await c.rbac.policy();
    expect(policy).toEqual(set.body.policy);
    expect(policy!.resources.map((r) => r.resource_id)).toEqual(['stytch.organization', 'stytch.member', 'stytch.sso', 'stytch.scim', 'stytch.self', 'documents']);
    expect(policy!.roles.map((r) => r.role_id)).toEqual(['stytch_admin', 'editor', 'stytch_member']); // stytch_admin kept its defaults
    expect(policy!.scopes.map((s) => s.scope)).toEqual(['read:documents']);
    expect((await putPolicy(project, { policy })).status).toBe(200);
    expect((await c.rbac.policy()).policy).toEqual(policy);
  });

  it('negative: a bad policy is refused whole with a clear 400, and the current one stays', async () => {
    const project = await t.srv.createProject();
    expect((await putPolicy(project, { policy: { resources: [DOCUMENTS], roles: [EDITOR] } })).status).toBe(200);
    const before = (await b2bClient(t.srv, project).rbac.policy()).policy;
    const role = (over: Record<string, unknown>) => ({ resources: [DOCUMENTS], roles: [{ ...EDITOR, ...over }] });
    const cases: [unknown, string, RegExp?][] = [
      ['not an object', 'invalid_argument'],
      [{ roles: 'editor' }, 'invalid_argument'],
      [{ resources: [{ ...DOCUMENTS, resource_id: '' }] }, 'empty_rbac_resource_id'],
      [{ resources: [{ ...DOCUMENTS, resource_id: 'x'.repeat(129) }] }, 'rbac_resource_id_too_long'],
      [{ resources: [DOCUMENTS, DOCUMENTS] }, 'rbac_resource_duplicate', /resources\[1\]/],
      [{ resources: [{ ...DOCUMENTS, actions: [] }] }, 'rbac_resource_missing_actions'],
      [{ resources: [{ ...DOCUMENTS, actions: ['read', 'read'] }] }, 'rbac_action_duplicate'],
      [{ resources: [{ ...DOCUMENTS, actions: ['*'] }] }, 'invalid_wildcard_action'],
      [{ resources: [{ ...DOCUMENTS, actions: ['x'.repeat(129)] }] }, 'rbac_action_too_long'],
      [{ resources: [{ ...DOCUMENTS, description: 'x'.repeat(1025) }] }, 'rbac_description_too_long'],
      [{ resources: [{ resource_id: 'stytch.billing', actions: ['pay'] }] }, 'invalid_stytch_prefixed_resource'],
      [{ resources: [{ resource_id: 'stytch.member', actions: ['create'] }] }, 'invalid_stytch_prefixed_resource'],
      [role({ role_id: '' }), 'empty_rbac_role_id'],
      [role({ role_id: 'r'.repeat(129) }), 'rbac_role_id_too_long'],
      [role({ role_id: 'has space' }), 'invalid_rbac_role_id'],
      [role({ role_id: 'stytch_superuser' }), 'invalid_rbac_role_id'],
      [{ resources: [DOCUMENTS], roles: [EDITOR, EDITOR] }, 'rbac_role_duplicate'],
      [role({ permissions: [] }), 'rbac_role_missing_permissions'],
      [role({ permissions: [{ resource_id: 'spreadsheets', actions: ['read'] }] }), 'invalid_permission_resource', /roles\[0\]\.permissions\[0\]\.resource_id/],
      [role({ permissions: [{ resource_id: 'documents', actions: ['print'] }] }), 'invalid_permission_action', /"print" is not an action of resource "documents"/],
      [role({ permissions: [{ resource_id: 'documents', actions: [] }] }), 'rbac_permission_missing_actions'],
      [role({ permissions: [{ resource_id: 'documents', actions: ['*', 'read'] }] }), 'invalid_wildcard_action'],
      [role({ permissions: [{ resource_id: 'documents', actions: ['read'] }, { resource_id: 'documents', actions: ['write'] }] }), 'rbac_resource_duplicate'],
      [{ resources: [DOCUMENTS], scopes: [{ scope: '', permissions: [] }] }, 'empty_rbac_scope'],
      [{ resources: [DOCUMENTS], scopes: [{ scope: 's', permissions: [] }] }, 'rbac_scope_missing_permissions'],
      [{ resources: [DOCUMENTS], scopes: [{ scope: 's', permissions: [{ resource_id: 'documents', actions: ['read'] }] }, { scope: 's', permissions: [{ resource_id: 'documents', actions: ['read'] }] }] }, 'rbac_scope_duplicate'],
    ];
    for (const [policy, type, message] of cases) {
      const r = await putPolicy(project, { policy });
      expect([policy, r.status, r.body.error_type]).toEqual([policy, 400, type]);
      if (message) expect(r.body.error_message).toMatch(message);
    }
    const missing = await putPolicy(project, {});
    expect([missing.status, missing.body.error_type, missing.body.error_message]).toEqual([400, 'invalid_argument', 'The field `policy` is required.']);
    expect((await b2bClient(t.srv, project).rbac.policy()).policy).toEqual(before);
  });

  it('organization custom roles: set, read back on the organization, assignable to its members, validated', async () => {
    const org = await createOrg(t.client);
    const set = await t.client.rbac.organizations.setOrgPolicy({
      organization_id: org.organization_id,
      org_policy: { roles: [{ role_id: 'auditor', description: 'Reads members', permissions: [{ resource_id: 'stytch.member', actions: ['search'] }] }] },
    });
    expect(set.org_policy.roles.map((r) => r.role_id)).toEqual(['auditor']);
    expect((await t.client.rbac.organizations.getOrgPolicy({ organization_id: org.organization_slug })).org_policy).toEqual(set.org_policy);
    expect((await t.client.organizations.get({ organization_id: org.organization_id })).organization.custom_roles).toEqual(set.org_policy.roles);
    const { member } = await t.client.organizations.members.create({ organization_id: org.organization_id, email_address: uniqueEmail('auditor'), roles: ['auditor'] });
    expect(member.roles.map((r) => r.role_id)).toEqual(['stytch_member', 'auditor']);
    // another organization does not have the role
    const other = await createOrg(t.client);
    expect(await errorOf(t.client.organizations.members.create({ organization_id: other.organization_id, email_address: uniqueEmail('x'), roles: ['auditor'] }))).toEqual([400, 'invalid_rbac_role_assignment']);
    const bad = (roles: unknown) => errorOf(t.client.rbac.organizations.setOrgPolicy({ organization_id: org.organization_id, org_policy: { roles } as never }));
    expect(await bad([{ role_id: 'stytch_admin', permissions: [{ resource_id: 'stytch.member', actions: ['*'] }] }])).toEqual([400, 'invalid_rbac_role_id']);
    expect(await bad([{ role_id: 'stytch_extra', permissions: [{ resource_id: 'stytch.member', actions: ['*'] }] }])).toEqual([400, 'invalid_rbac_role_id']);
    expect(await bad([{ role_id: 'auditor', permissions: [{ resource_id: 'nope', actions: ['read'] }] }])).toEqual([400, 'invalid_permission_resource']);
    expect(await bad('auditor')).toEqual([400, 'invalid_argument']);
    expect(await errorOf(t.client.rbac.organizations.setOrgPolicy({ organization_id: org.organization_id, org_policy: null as never }))).toEqual([400, 'invalid_argument']);
    expect(await errorOf(t.client.rbac.organizations.getOrgPolicy({ organization_id: 'organization-test-nope' }))).toEqual([404, 'organization_not_found']);
    expect((await t.client.rbac.organizations.getOrgPolicy({ organization_id: org.organization_id })).org_policy.roles.map((r) => r.role_id)).toEqual(['auditor']);
  });
});

describe('authorization_check on sessions.authenticate', () => {
  it('a verdict with the granting roles when authorized', async () => {
    const { org, login } = await loggedIn(t.client, { roles: ['stytch_admin'] });
    const a = await t.client.sessions.authenticate({ session_token: login.session_token, authorization_check: { organization_id: org.organization_id, resource_id: 'stytch.organization', action: 'delete' } });
    expect(a.verdict).toEqual({ authorized: true, granting_roles: ['stytch_admin'] });
    const self = await t.client.sessions.authenticate({ session_token: login.session_token, authorization_check: { organization_id: org.organization_id, resource_id: 'stytch.self', action: 'update.info.name' } });
    expect(self.verdict).toEqual({ authorized: true, granting_roles: ['stytch_admin', 'stytch_member'] });
  });

  it('an authorized check touches the session as a plain authenticate does (one read: the check\'s)', async () => {
    const { org, login } = await loggedIn(t.client, { roles: ['stytch_admin'] });
    t.srv.clock.advance(60_000);
    const check = { organization_id: org.organization_id, resource_id: 'stytch.organization', action: 'delete' };
    const a = await t.client.sessions.authenticate({ session_token: login.session_token, authorization_check: check });
    t.srv.clock.reset();
    expect(Date.parse(a.member_session.last_accessed_at)).toBe(Date.parse(login.member_session!.last_accessed_at) + 60_000);
    expect(a.member_session.expires_at).toBe(login.member_session!.expires_at);
    const after = await t.client.sessions.get({ organization_id: org.organization_id, member_id: login.member_id });
    expect(after.member_sessions[0]!.last_accessed_at).toBe(a.member_session.last_accessed_at);
  });

  it('403 session_authorization_error without the permission, and the session is not touched', async () => {
    const { org, login } = await loggedIn(t.client);
    t.srv.clock.advance(60_000);
    const e = await stytchError(t.client.sessions.authenticate({ session_token: login.session_token, session_duration_minutes: 500, authorization_check: { organization_id: org.organization_id, resource_id: 'stytch.member', action: 'delete' } }));
    t.srv.clock.reset();
    expect([e.status_code, e.error_type]).toEqual([403, 'session_authorization_error']);
    const after = await t.client.sessions.get({ organization_id: org.organization_id, member_id: login.member_id });
    expect(after.member_sessions[0]).toMatchObject({ last_accessed_at: login.member_session!.last_accessed_at, expires_at: login.member_session!.expires_at });
  });

  it('403 session_authorization_tenancy_error for another organization, whatever the roles', async () => {
    const { login } = await loggedIn(t.client, { roles: ['stytch_admin'] });
    const other = await createOrg(t.client);
    const e = await stytchError(t.client.sessions.authenticate({ session_jwt: login.session_jwt, authorization_check: { organization_id: other.organization_id, resource_id: 'stytch.self', action: 'delete' } }));
    expect([e.status_code, e.error_type]).toEqual([403, 'session_authorization_tenancy_error']);
  });

  it('custom resources, organization roles and email-domain roles grant too', async () => {
    const project = await t.srv.createProject();
    const c = b2bClient(t.srv, project);
    expect((await putPolicy(project, { policy: { resources: [DOCUMENTS], roles: [EDITOR] } })).status).toBe(200);
    const domain = `${Date.now().toString(36)}.example`;
    const org = await createOrg(c, { rbac_email_implicit_role_assignments: [{ domain, role_id: 'editor' }] });
    await c.rbac.organizations.setOrgPolicy({ organization_id: org.organization_id, org_policy: { roles: [{ role_id: 'shredder', description: '', permissions: [{ resource_id: 'documents', actions: ['delete'] }] }] } });
    const { login, member } = await loggedIn(c, { org, roles: ['shredder'] });
    expect(member.roles).toEqual([{ role_id: 'stytch_member', sources: [{ type: 'direct_assignment', details: {} }] }, { role_id: 'shredder', sources: [{ type: 'direct_assignment', details: {} }] }]);
    const check = (action: string) => ({ organization_id: org.organization_id, resource_id: 'documents', action });
    expect((await c.sessions.authenticate({ session_token: login.session_token, authorization_check: check('delete') })).verdict).toEqual({ authorized: true, granting_roles: ['shredder'] });
    expect(await errorOf(c.sessions.authenticate({ session_token: login.session_token, authorization_check: check('write') }))).toEqual([403, 'session_authorization_error']);
    const viaDomain = await c.organizations.members.create({ organization_id: org.organization_id, email_address: `writer@${domain}` });
    expect(viaDomain.member.roles[1]).toEqual({ role_id: 'editor', sources: [{ type: 'email_assignment', details: { email_domain: domain } }] });
    const hashed = await import('node:crypto').then((c) => c.createHash('md5').update('correct-horse-battery-staple-42!').digest('hex'));
    await c.passwords.migrate({ organization_id: org.organization_id, email_address: `writer@${domain}`, hash: hashed, hash_type: 'md_5' });
    const writer = await c.passwords.authenticate({ organization_id: org.organization_id, email_address: `writer@${domain}`, password: 'correct-horse-battery-staple-42!' });
    expect(writer.member_session!.roles).toEqual(['stytch_member', 'editor']);
    expect((await c.sessions.authenticate({ session_token: writer.session_token, authorization_check: check('write') })).verdict).toEqual({ authorized: true, granting_roles: ['editor'] });
  });
});

describe('X-Stytch-Member-Session headers run mutations with the member\'s permissions', () => {
  it('a plain member may update itself through stytch.self, not others, not its own roles, never trusted_metadata', async () => {
    const { org, member, login } = await loggedIn(t.client);
    const peer = await loggedIn(t.client, { org });
    const as = { authorization: { session_token: login.session_token } };
    const self = await t.client.organizations.members.update({ organization_id: org.organization_id, member_id: member.member_id, name: 'Me', untrusted_metadata: { pet: 'cat' } }, as);
    expect(self.member).toMatchObject({ name: 'Me', untrusted_metadata: { pet: 'cat' } });
    const upd = (data: Partial<stytch.B2BOrganizationsMembersUpdateRequest>, memberId = member.member_id) =>
      errorOf(t.client.organizations.members.update({ organization_id: org.organization_id, member_id: memberId, ...data }, as));
    expect(await upd({ name: 'Them' }, peer.member.member_id)).toEqual([403, 'session_authorization_error']);
    expect(await upd({ roles: ['stytch_admin'] })).toEqual([403, 'session_authorization_error']);
    expect(await upd({ trusted_metadata: { admin: true } })).toEqual([403, 'cannot_update_trusted_metadata']);
    expect(await errorOf(t.client.organizations.members.create({ organization_id: org.organization_id, email_address: uniqueEmail('x') }, as))).toEqual([403, 'session_authorization_error']);
    expect(await errorOf(t.client.organizations.members.delete({ organization_id: org.organization_id, member_id: peer.member.member_id }, as))).toEqual([403, 'session_authorization_error']);
    expect(await errorOf(t.client.organizations.members.search({ organization_ids: [org.organization_id] }, as))).toEqual([403, 'session_authorization_error']);
    expect(await errorOf(t.client.organizations.update({ organization_id: org.organization_id, organization_name: 'Mine now' }, as))).toEqual([403, 'session_authorization_error']);
    expect(await errorOf(t.client.organizations.delete({ organization_id: org.organization_id }, as))).toEqual([403, 'session_authorization_error']);
    // nothing of the refused calls happened
    expect((await t.client.organizations.get({ organization_id: org.organization_id })).organization.organization_name).toBe(org.organization_name);
    expect((await t.client.organizations.members.get({ organization_id: org.organization_id, member_id: peer.member.member_id })).member.status).toBe('active');
    // a member may delete itself (stytch.self delete)
    expect((await t.client.organizations.members.delete({ organization_id: org.organization_id, member_id: member.member_id }, as)).member_id).toBe(member.member_id);
  });

  it('an admin manages members and the organization, with a token or a JWT, but not another organization', async () => {
    const { org, login } = await loggedIn(t.client, { roles: ['stytch_admin'] });
    const peer = await loggedIn(t.client, { org });
    for (const authorization of [{ session_token: login.session_token }, { session_jwt: login.session_jwt }]) {
      const as = { authorization };
      const created = await t.client.organizations.members.create({ organization_id: org.organization_id, email_address: uniqueEmail('byadmin'), roles: ['stytch_admin'] }, as);
      expect(created.member.is_admin).toBe(true);
      await t.client.organizations.members.update({ organization_id: org.organization_id, member_id: peer.member.member_id, name: 'Renamed by admin', roles: ['stytch_admin'] }, as);
      expect((await t.client.organizations.members.search({ organization_ids: [org.organization_id] }, as)).members.length).toBeGreaterThanOrEqual(3);
      expect((await t.client.organizations.update({ organization_id: org.organization_id, organization_name: 'Admin named' }, as)).organization.organization_name).toBe('Admin named');
      await t.client.organizations.members.delete({ organization_id: org.organization_id, member_id: created.member_id }, as);
      expect((await t.client.organizations.members.reactivate({ organization_id: org.organization_id, member_id: created.member_id }, as)).member.status).toBe('active');
    }
    // even an admin cannot set trusted_metadata as a member, nor change its own email
    const as = { authorization: { session_token: login.session_token } };
    expect(await errorOf(t.client.organizations.update({ organization_id: org.organization_id, trusted_metadata: { x: 1 } }, as))).toEqual([403, 'cannot_update_trusted_metadata']);
    expect(await errorOf(t.client.organizations.members.update({ organization_id: org.organization_id, member_id: login.member_id, email_address: uniqueEmail('mine') }, as))).toEqual([403, 'member_cannot_update_their_email_address']);
    const other = await createOrg(t.client);
    expect(await errorOf(t.client.organizations.update({ organization_id: other.organization_id, organization_name: 'Theirs' }, as))).toEqual([403, 'session_authorization_tenancy_error']);
    expect(await errorOf(t.client.organizations.members.create({ organization_id: other.organization_id, email_address: uniqueEmail('x') }, as))).toEqual([403, 'session_authorization_tenancy_error']);
    expect(await errorOf(t.client.organizations.members.search({ organization_ids: [org.organization_id, other.organization_id] }, as))).toEqual([403, 'session_authorization_tenancy_error']);
    expect((await t.client.organizations.delete({ organization_id: org.organization_id }, as)).organization_id).toBe(org.organization_id);
  });

  it('sessions.revoke with a header: a member revokes its own sessions, not another member\'s', async () => {
    const { org, member, login } = await loggedIn(t.client);
    const peer = await loggedIn(t.client, { org });
    const as = { authorization: { session_jwt: login.session_jwt } };
    expect(await errorOf(t.client.sessions.revoke({ member_id: peer.member.member_id }, as))).toEqual([403, 'session_authorization_error']);
    expect(await errorOf(t.client.sessions.revoke({ session_token: peer.login.session_token }, as))).toEqual([403, 'session_authorization_error']);
    expect((await t.client.sessions.authenticate({ session_token: peer.login.session_token })).status_code).toBe(200);
    expect((await t.client.sessions.revoke({ member_id: member.member_id }, as)).status_code).toBe(200);
    expect(await errorOf(t.client.sessions.authenticate({ session_token: login.session_token }))).toEqual([404, 'session_not_found']);
  });

  it('an unknown, revoked or doubled header session is refused before anything happens', async () => {
    const { org, member, login } = await loggedIn(t.client, { roles: ['stytch_admin'] });
    const update = (authorization: { session_token?: string; session_jwt?: string }) =>
      errorOf(t.client.organizations.members.update({ organization_id: org.organization_id, member_id: member.member_id, name: 'Never' }, { authorization }));
    expect(await update({ session_token: 'not-a-session' })).toEqual([404, 'session_not_found']);
    expect(await update({ session_jwt: 'not.a.jwt' })).toEqual([400, 'unable_to_parse_session_jwt']);
    expect(await update({ session_token: login.session_token, session_jwt: login.session_jwt })).toEqual([400, 'too_many_session_arguments']);
    await t.client.sessions.revoke({ session_token: login.session_token });
    expect(await update({ session_jwt: login.session_jwt })).toEqual([404, 'session_not_found']);
    expect((await t.client.organizations.members.get({ organization_id: org.organization_id, member_id: member.member_id })).member.name).toBe('');
  });

  it('a project policy can widen what plain members may do', async () => {
    const project = await t.srv.createProject();
    const c = b2bClient(t.srv, project);
    const policy = { roles: [{ role_id: 'stytch_member', description: '', permissions: [{ resource_id: 'stytch.self', actions: ['*'] }, { resource_id: 'stytch.member', actions: ['search'] }] }] };
    expect((await putPolicy(project, { policy })).status).toBe(200);
    const { org, login } = await loggedIn(c);
    const found = await c.organizations.members.search({ organization_ids: [org.organization_id] }, { authorization: { session_token: login.session_token } });
    expect(found.members).toHaveLength(1);
  });
});
