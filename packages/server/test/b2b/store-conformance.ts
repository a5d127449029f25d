/**
 * The B2B half of the store conformance suite: organizations, members, member sessions and RBAC policies.
 * `defineStoreConformance` (test/store/conformance.ts) runs it for every `Stores` implementation.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MemberRecord, MemberSessionRecord, OrganizationRecord } from '../../src/store/b2b-records.js';
import { B2BConflictError, type OrganizationSearch, type MemberSearch } from '../../src/store/b2b-stores.js';
import type { Stores } from '../../src/store/stores.js';
import { DEFAULT_SETTINGS } from '../../src/domain/b2b/organizations/organization-settings.js';
import { checkCompareAndSet, checkConcurrentChanges, type SessionUnderTest } from '../store/session-races.js';

const P = 'project-test-00000000-0000-4000-8000-0000000000b2';
const T0 = Date.UTC(2026, 0, 1);

let n = 0;
const id = (kind: string) => `${kind}-test-00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

function organization(over: Partial<OrganizationRecord> = {}): OrganizationRecord {
  const organization_id = over.organization_id ?? id('organization');
  return {
    organization_id,
    project_id: P,
    organization_name: 'Acme',
    organization_slug: `slug-${n}`,
    organization_external_id: null,
    organization_logo_url: '',
    trusted_metadata: {},
    settings: DEFAULT_SETTINGS,
    email_allowed_domains: [],
    claimed_email_domains: [],
    custom_roles: [],
    created_at: T0 + n,
    updated_at: T0 + n,
    ...over,
  };
}

function member(organization_id: string, over: Partial<MemberRecord> = {}): MemberRecord {
  const member_id = over.member_id ?? id('member');
  return {
    member_id,
    project_id: P,
    organization_id,
    email_address: `${member_id}@example.com`,
    status: 'active',
    name: '',
    external_id: null,
    trusted_metadata: {},
    untrusted_metadata: {},
    roles: [],
    is_breakglass: false,
    mfa_enrolled: false,
    mfa_phone_number: '',
    mfa_phone_number_verified: false,
    default_mfa_method: '',
    email_address_verified: false,
    password: null,
    failed_attempts: 0,
    failed_window_started_at: null,
    lock_created_at: null,
    lock_expires_at: null,
    created_at: T0 + n,
    updated_at: T0 + n,
    ...over,
  };
}

function session(m: MemberRecord, over: Partial<MemberSessionRecord> = {}): MemberSessionRecord {
  return {
    member_session_id: id('session'),
    project_id: P,
    organization_id: m.organization_id,
    member_id: m.member_id,
    token_hash: `member-hash-${++n}`,
    token_salt: 'salt',
    started_at: T0,
    last_accessed_at: T0,
    expires_at: T0 + 3600_000,
    revoked_at: null,
    factors: [{ type: 'password', delivery_method: 'knowledge', created_at: T0, updated_at: T0, last_authenticated_at: T0 }],
    custom_claims: {},
    version: 0,
    ...over,
  };
}

const conflictOf = async (p: Promise<unknown>) => ((await p.then(() => null, (e: unknown) => e)) as B2BConflictError).field;
const page = { operator: 'AND' as const, after: null, limit: 100 };

export function defineB2BStoreConformance(name: string, open: () => Promise<{ stores: Stores; close(): Promise<void> }>) {
  describe(`store conformance (B2B): ${name}`, () => {
    let s: Stores;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ stores: s, close } = await open());
      await s.projects.create(
        { project_id: P, env: 'test', name: 'p', created_at: T0 },
        { secret_id: 'sid-b2b', project_id: P, secret_hash: 'h-b2b', last_four: 'abcd', created_at: T0 },
        'public-token-test-b2b',
      );
    });
    afterEach(() => close());

    it('organizations: insert, get by id, slug or external id; unique slug and external id', async () => {
      const o = organization({ organization_external_id: 'crm-1', trusted_metadata: { a: [1] }, email_allowed_domains: ['acme.example'] });
      await s.organizations.insert(o);
      for (const ref of [o.organization_id, o.organization_slug, 'crm-1']) expect(await s.organizations.get(P, ref)).toEqual(o);
      expect(await s.organizations.get('project-test-other', o.organization_id)).toBeNull();
      expect(await conflictOf(s.organizations.insert(organization({ organization_slug: o.organization_slug })))).toBe('organization_slug');
      expect(await conflictOf(s.organizations.insert(organization({ organization_external_id: 'crm-1' })))).toBe('organization_external_id');
      // an id wins over another organization whose slug is that text
      const tricky = organization({ organization_slug: o.organization_id.replace('organization-', 'org-') });
      await s.organizations.insert(tricky);
      const shadow = organization({ organization_slug: tricky.organization_id });
      await s.organizations.insert(shadow);
      expect((await s.organizations.get(P, tricky.organization_id))?.organization_id).toBe(tricky.organization_id);
      expect((await s.organizations.getMany(P, [shadow.organization_id, o.organization_id, 'nope'])).map((x) => x.organization_id)).toEqual([o.organization_id, shadow.organization_id]);
    });

    it('organizations: update with conflicts; delete takes members and their sessions along', async () => {
      const [a, b] = [organization(), organization()];
      await s.organizations.insert(a);
      await s.organizations.insert(b);
      const updated = await s.organizations.update(P, a.organization_id, { organization_name: 'New', custom_roles: [{ role_id: 'r', description: '', permissions: [] }], updated_at: T0 + 99 });
      expect(updated).toMatchObject({ organization_name: 'New', custom_roles: [{ role_id: 'r' }], updated_at: T0 + 99, organization_slug: a.organization_slug });
      expect(await conflictOf(s.organizations.update(P, a.organization_id, { organization_slug: b.organization_slug, updated_at: T0 }))).toBe('organization_slug');
      expect(await s.organizations.update(P, 'organization-test-missing', { updated_at: T0 })).toBeNull();
      const m = member(a.organization_id);
      await s.members.insert(m);
      await s.memberSessions.insert(session(m));
      expect(await s.organizations.delete(P, a.organization_id)).toBe(true);
      expect(await s.organizations.get(P, a.organization_id)).toBeNull();
      expect(await s.members.byId(P, m.member_id)).toBeNull();
      expect(await s.memberSessions.listLive(P, m.member_id, T0)).toEqual([]);
      expect(await s.organizations.delete(P, a.organization_id)).toBe(false);
      expect(await s.organizations.get(P, b.organization_id)).not.toBeNull();
    });

    it('organizations: search with operands, AND/OR and a keyset cursor', async () => {
      const orgs = [0, 1, 2, 3].map((i) => organization({ organization_name: i % 2 ? 'Odd Org' : 'Even Org', email_allowed_domains: [`d${i}.example`], claimed_email_domains: i === 3 ? ['claimed.example'] : [] }));
      for (const o of orgs) await s.organizations.insert(o);
      await s.members.insert(member(orgs[2]!.organization_id, { email_address: 'who@x.example' }));
      const ids = (q: Partial<OrganizationSearch>) => s.organizations.search(P, { ...page, operands: [], ...q }).then((r) => r.organizations.map((o) => o.organization_id));
      const all = orgs.map((o) => o.organization_id);
      const first = await s.organizations.search(P, { ...page, operands: [], limit: 2 });
      expect([first.total, first.organizations.map((o) => o.organization_id)]).toEqual([4, all.slice(0, 2)]);
      const last = first.organizations[1]!;
      expect(await ids({ after: { created_at: last.created_at, id: last.organization_id } })).toEqual(all.slice(2));
      expect(await ids({ operands: [{ kind: 'organization_name_fuzzy', value: 'odd' }] })).toEqual([all[1], all[3]]);
      expect(await ids({ operands: [{ kind: 'allowed_domains', values: ['d2.example'] }] })).toEqual([all[2]]);
      expect(await ids({ operands: [{ kind: 'allowed_domain_fuzzy', value: 'd3.ex' }] })).toEqual([all[3]]);
      expect(await ids({ operands: [{ kind: 'claimed_email_domains', values: ['claimed.example'] }] })).toEqual([all[3]]);
      expect(await ids({ operands: [{ kind: 'member_emails', values: ['WHO@x.example'] }] })).toEqual([all[2]]);
      expect(await ids({ operator: 'OR', operands: [{ kind: 'organization_ids', values: [all[0]!] }, { kind: 'organization_slugs', values: [orgs[3]!.organization_slug] }] })).toEqual([all[0], all[3]]);
      expect(await ids({ operands: [{ kind: 'organization_slug_fuzzy', value: '%' }] })).toEqual([]); // LIKE wildcards are literal
      expect(await ids({ operands: [{ kind: 'never' }] })).toEqual([]);
    });

    it('a member, organization or member session read once, then changed or deleted, reads as changed (SQLite caches them)', async () => {
      const o = organization();
      await s.organizations.insert(o);
      const m = member(o.organization_id);
      await s.members.insert(m);
      const ms = session(m);
      await s.memberSessions.insert(ms);
      const key = { tokenHash: ms.token_hash };
      for (let i = 0; i < 2; i++) {
        await s.organizations.get(P, o.organization_id);
        await s.members.byId(P, m.member_id);
        await s.memberSessions.touch(P, key, T0);
      }
      await s.organizations.update(P, o.organization_id, { organization_name: 'Renamed', updated_at: T0 + 1 });
      await s.members.update(P, m.member_id, { name: 'Renamed', updated_at: T0 + 1 });
      expect((await s.organizations.get(P, o.organization_id))?.organization_name).toBe('Renamed');
      expect((await s.members.byId(P, m.member_id))?.name).toBe('Renamed');
      await s.memberSessions.revoke(P, { sessionId: ms.member_session_id }, T0 + 2);
      expect(await s.memberSessions.touch(P, key, T0 + 3)).toBeNull();
      expect(await s.organizations.delete(P, o.organization_id)).toBe(true);
      expect(await s.organizations.get(P, o.organization_id)).toBeNull();
      expect(await s.members.byId(P, m.member_id)).toBeNull();
    });

    it('members: insert, get by id or external id, byEmail, uniqueness among members not deleted', async () => {
      const o = organization();
      await s.organizations.insert(o);
      const m = member(o.organization_id, { external_id: 'ext', roles: ['stytch_admin'], trusted_metadata: { t: 1 }, password: { password_id: 'pw', hash: 'h', requires_reset: false } });
      await s.members.insert(m);
      expect(await s.members.get(P, o.organization_id, m.member_id)).toEqual(m);
      expect(await s.members.get(P, o.organization_id, 'ext')).toEqual(m);
      expect(await s.members.byEmail(P, o.organization_id, m.email_address.toUpperCase())).toEqual(m);
      expect(await s.members.get(P, 'organization-test-other', m.member_id)).toBeNull();
      expect(await conflictOf(s.members.insert(member(o.organization_id, { email_address: m.email_address })))).toBe('member_email');
      expect(await conflictOf(s.members.insert(member(o.organization_id, { external_id: 'ext' })))).toBe('member_external_id');
      // deleted: hidden unless asked, and its email and external id are free again
      await s.members.update(P, m.member_id, { status: 'deleted', updated_at: T0 + 1 });
      expect(await s.members.get(P, o.organization_id, m.member_id)).toBeNull();
      expect((await s.members.get(P, o.organization_id, m.member_id, { includeDeleted: true }))?.status).toBe('deleted');
      expect(await s.members.byEmail(P, o.organization_id, m.email_address)).toBeNull();
      const again = member(o.organization_id, { email_address: m.email_address, external_id: 'ext' });
      await s.members.insert(again);
      expect((await s.members.get(P, o.organization_id, 'ext', { includeDeleted: true }))?.member_id).toBe(again.member_id);
      // reactivating it would take both back: refused (which of the two is named depends on the dialect)
      expect(['member_email', 'member_external_id']).toContain(await conflictOf(s.members.update(P, m.member_id, { status: 'active', updated_at: T0 + 2 })));
      expect(await s.members.count(P, o.organization_id)).toBe(1);
    });

    it('members: update applies the patch and revokes sessions in the same transaction', async () => {
      const o = organization();
      await s.organizations.insert(o);
      const m = member(o.organization_id);
      await s.members.insert(m);
      const [x, y] = [session(m), session(m)];
      await s.memberSessions.insert(x);
      await s.memberSessions.insert(y);
      const u = await s.members.update(P, m.member_id, { name: 'N', roles: ['r'], is_breakglass: true, password: { password_id: 'p', hash: 'h', requires_reset: true }, updated_at: T0 + 5 }, { revokeSessionsAt: T0 + 5 });
      expect(u).toMatchObject({ name: 'N', roles: ['r'], is_breakglass: true, password: { password_id: 'p', requires_reset: true }, updated_at: T0 + 5 });
      expect(await s.memberSessions.listLive(P, m.member_id, T0 + 6)).toEqual([]);
      expect((await s.members.update(P, m.member_id, { password: null, updated_at: T0 + 7 }))?.password).toBeNull();
      expect(await s.members.update(P, 'member-test-missing', { updated_at: T0 })).toBeNull();
    });

    it('members: search over organizations with operands; deleted only when asked', async () => {
      const [a, b] = [organization(), organization()];
      await s.organizations.insert(a);
      await s.organizations.insert(b);
      const ms = [
        member(a.organization_id, { roles: ['stytch_admin'], is_breakglass: true }),
        member(b.organization_id, { mfa_phone_number: '+12025550123', password: { password_id: 'pw', hash: 'h', requires_reset: false } }),
        member(a.organization_id, { status: 'deleted' }),
      ];
      for (const m of ms) await s.members.insert(m);
      const ids = (q: Partial<MemberSearch>) =>
        s.members.search(P, { ...page, organizationIds: [a.organization_id, b.organization_id], operands: [], includeDeleted: false, ...q }).then((r) => r.members.map((m) => m.member_id));
      const [m0, m1, m2] = ms.map((m) => m.member_id);
      expect(await ids({})).toEqual([m0, m1]);
      expect(await ids({ includeDeleted: true, operands: [{ kind: 'statuses', values: ['deleted'] }] })).toEqual([m2]);
      expect(await ids({ organizationIds: [b.organization_id] })).toEqual([m1]);
      expect(await ids({ operands: [{ kind: 'member_roles', values: ['stytch_admin'] }] })).toEqual([m0]);
      expect(await ids({ operands: [{ kind: 'member_roles', values: ['stytch_member'] }] })).toEqual([m0, m1]);
      expect(await ids({ operands: [{ kind: 'member_is_breakglass', value: true }] })).toEqual([m0]);
      expect(await ids({ operands: [{ kind: 'member_phone_number_fuzzy', value: '555012' }] })).toEqual([m1]);
      expect(await ids({ operands: [{ kind: 'member_password_exists', value: true }] })).toEqual([m1]);
      expect(await ids({ operator: 'OR', operands: [{ kind: 'member_ids', values: [m0!] }, { kind: 'member_emails', values: [ms[1]!.email_address.toUpperCase()] }] })).toEqual([m0, m1]);
      expect(await ids({ operands: [{ kind: 'member_email_fuzzy', value: '_' }] })).toEqual([]);
      const p1 = await s.members.search(P, { ...page, organizationIds: [a.organization_id, b.organization_id], operands: [], includeDeleted: false, limit: 1 });
      expect([p1.total, p1.members.map((m) => m.member_id)]).toEqual([2, [m0]]);
    });

    it('members: lockout compare-and-set and the compare-and-set hash upgrade', async () => {
      const o = organization();
      await s.organizations.insert(o);
      const m = member(o.organization_id, { password: { password_id: 'pw', hash: 'h-old', requires_reset: false } });
      await s.members.insert(m);
      const clear = { failed_attempts: 0, failed_window_started_at: null, lock_created_at: null, lock_expires_at: null };
      const locked = { failed_attempts: 0, failed_window_started_at: null, lock_created_at: T0 + 10, lock_expires_at: T0 + 5010 };
      expect(await s.members.lockoutState(P, m.member_id)).toEqual(clear);
      expect(await s.members.compareAndSetLockout(P, m.member_id, clear, locked)).toBe(true);
      expect(await s.members.compareAndSetLockout(P, m.member_id, clear, clear)).toBe(false);
      expect(await s.members.byId(P, m.member_id)).toMatchObject(locked);
      expect(await s.members.compareAndSetLockout(P, m.member_id, locked, clear)).toBe(true);
      expect(await s.members.byId(P, m.member_id)).toMatchObject(clear);
      await s.members.upgradePasswordHash(P, m.member_id, 'not-current', 'h-x');
      expect((await s.members.byId(P, m.member_id))?.password?.hash).toBe('h-old');
      await s.members.upgradePasswordHash(P, m.member_id, 'h-old', 'h-new');
      expect((await s.members.byId(P, m.member_id))?.password?.hash).toBe('h-new');
    });

    const memberSessions = (): SessionUnderTest<MemberSessionRecord> => ({
      projectId: P,
      store: s.memberSessions,
      t0: T0,
      ref: { idOf: (r) => r.member_session_id, subjectOf: (r) => r.member_id },
      async insert() {
        const o = organization();
        await s.organizations.insert(o);
        const m = member(o.organization_id);
        await s.members.insert(m);
        const x = session(m);
        await s.memberSessions.insert(x);
        expect(await s.memberSessions.getLive(P, { tokenHash: x.token_hash }, T0)).toEqual(x);
        return x;
      },
    });

    it('member sessions: a touch is one read; compare-and-set writes only the version read, only while live; revoke bumps the version', async () => {
      await checkCompareAndSet(memberSessions());
    });

    it('member sessions: parallel extensions never shorten, parallel claim merges lose nothing, factors upsert, nothing succeeds after a revoke', async () => {
      await checkConcurrentChanges(memberSessions());
    });

    it('member sessions: list, revoke one, revoke all of a member', async () => {
      const o = organization();
      await s.organizations.insert(o);
      const [m, other] = [member(o.organization_id), member(o.organization_id)];
      await s.members.insert(m);
      await s.members.insert(other);
      const [x, y, z] = [session(m), session(m, { started_at: T0 + 1 }), session(other)];
      for (const r of [x, y, z]) await s.memberSessions.insert(r);
      expect((await s.memberSessions.listLive(P, m.member_id, T0)).map((r) => r.member_session_id)).toEqual([x.member_session_id, y.member_session_id]);
      expect((await s.memberSessions.revoke(P, { tokenHash: x.token_hash }, T0 + 2))?.member_session_id).toBe(x.member_session_id);
      expect(await s.memberSessions.revoke(P, { tokenHash: x.token_hash }, T0 + 3)).toBeNull();
      expect(await s.memberSessions.revokeAllForMember(P, m.member_id, T0 + 4)).toBe(1);
      expect(await s.memberSessions.listLive(P, m.member_id, T0 + 5)).toEqual([]);
      expect((await s.memberSessions.listLive(P, other.member_id, T0 + 5)).map((r) => r.member_session_id)).toEqual([z.member_session_id]);
    });

    it('RBAC policies: none until set; set replaces', async () => {
      expect(await s.rbacPolicies.get(P)).toBeNull();
      const policy = { roles: [{ role_id: 'a', description: '', permissions: [] }], resources: [{ resource_id: 'doc', description: '', actions: ['read'] }], scopes: [] };
      await s.rbacPolicies.set(P, policy, T0);
      expect(await s.rbacPolicies.get(P)).toEqual(policy);
      await s.rbacPolicies.set(P, { ...policy, roles: [] }, T0 + 1);
      expect((await s.rbacPolicies.get(P))?.roles).toEqual([]);
    });
  });
}
