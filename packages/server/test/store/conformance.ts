/**
 * The store conformance suite: one lifecycle every implementation of `Stores` must pass (SQLite now,
 * PostgreSQL in the scale-out issue), in the manner of Lucia's `testAdapter` and Kysely's per-dialect loop.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionRecord, UserRecord } from '../../src/store/records.js';
import { ConflictError, type Stores } from '../../src/store/stores.js';
import { defineB2BStoreConformance } from '../b2b/store-conformance.js';
import { defineEmailStoreConformance } from './email-conformance.js';
import { defineAdminStoreConformance } from './admin-conformance.js';
import { defineAuditStoreConformance } from './audit-conformance.js';
import { checkCompareAndSet, checkConcurrentChanges, type SessionUnderTest } from './session-races.js';

const P = 'project-test-00000000-0000-4000-8000-000000000001';
const T0 = Date.UTC(2026, 0, 1);

let n = 0;
const id = (kind: string) => `${kind}-test-00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

function user(over: Partial<UserRecord> = {}): Parameters<Stores['users']['insert']>[0] {
  const user_id = over.user_id ?? id('user');
  return {
    user: {
      user_id,
      project_id: P,
      external_id: null,
      status: 'active',
      name: { first_name: 'Ada', middle_name: '', last_name: 'Lovelace' },
      trusted_metadata: {},
      untrusted_metadata: {},
      roles: [],
      created_at: T0 + n,
      password: null,
      failed_attempts: 0,
      failed_window_started_at: null,
      lock_created_at: null,
      lock_expires_at: null,
      ...over,
    },
    emails: [{ email_id: id('email'), email: `${user_id}@example.com`, verified: false, created_at: T0 }],
    phones: [],
  };
}

function session(user_id: string, over: Partial<SessionRecord> = {}): SessionRecord {
  return {
    session_id: id('session'),
    project_id: P,
    user_id,
    token_hash: `hash-${++n}`,
    token_salt: 'salt',
    started_at: T0,
    last_accessed_at: T0,
    expires_at: T0 + 3600_000,
    revoked_at: null,
    attributes: { ip_address: '', user_agent: '' },
    factors: [{ type: 'password', delivery_method: 'knowledge', created_at: T0, updated_at: T0, last_authenticated_at: T0 }],
    custom_claims: {},
    version: 0,
    ...over,
  };
}

export function defineStoreConformance(name: string, open: () => Promise<{ stores: Stores; close(): Promise<void> }>) {
  defineB2BStoreConformance(name, open);
  defineEmailStoreConformance(name, open);
  defineAdminStoreConformance(name, open);
  defineAuditStoreConformance(name, open);
  describe(`store conformance: ${name}`, () => {
    let s: Stores;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ stores: s, close } = await open());
      await s.projects.create(
        { project_id: P, env: 'test', name: 'p', created_at: T0 },
        { secret_id: 'sid', project_id: P, secret_hash: 'h1', last_four: 'abcd', created_at: T0 },
        'public-token-test-1',
      );
    });
    afterEach(() => close());

    it('projects: credentials, secrets and public tokens', async () => {
      expect((await s.projects.credentials(P))?.secretHashes).toEqual(['h1']);
      await s.projects.addSecret({ secret_id: 'sid2', project_id: P, secret_hash: 'h2', last_four: 'efgh', created_at: T0 });
      await s.projects.addSecret({ secret_id: 'sid3', project_id: P, secret_hash: 'h2', last_four: 'efgh', created_at: T0 }); // same hash: no-op
      expect((await s.projects.credentials(P))?.secretHashes.sort()).toEqual(['h1', 'h2']);
      expect(await s.projects.credentials('project-test-nope')).toBeNull();
      expect((await s.projects.byPublicToken('public-token-test-1'))?.project_id).toBe(P);
      await s.projects.addPublicToken(P, 'public-token-test-2', T0 + 1);
      expect(await s.projects.publicTokens(P)).toEqual(['public-token-test-1', 'public-token-test-2']);
      expect((await s.projects.list()).map((p) => p.project_id)).toEqual([P]);
    });

    it('frontend API: origins per project, listed-anywhere lookup, settings with defaults', async () => {
      const sdk = s.projectSdk;
      expect(await sdk.origins(P)).toEqual([]);
      expect(await sdk.addOrigin(P, 'https://b.example.com', T0 + 1)).toBe(true);
      expect(await sdk.addOrigin(P, 'https://a.example.com', T0 + 2)).toBe(true);
      expect(await sdk.addOrigin(P, 'https://a.example.com', T0 + 3)).toBe(false);
      expect(await sdk.origins(P)).toEqual(['https://b.example.com', 'https://a.example.com']);
      expect(await sdk.originListed('https://a.example.com')).toBe(true);
      expect(await sdk.originListed('https://c.example.com')).toBe(false);
      expect(await sdk.removeOrigin(P, 'https://a.example.com')).toBe(true);
      expect(await sdk.removeOrigin(P, 'https://a.example.com')).toBe(false);
      expect(await sdk.originListed('https://a.example.com')).toBe(false);
      expect(await sdk.settings(P)).toEqual({ http_only_cookies: false, vertical: 'CONSUMER' });
      expect(await sdk.updateSettings(P, { http_only_cookies: true }, T0)).toEqual({ http_only_cookies: true, vertical: 'CONSUMER' });
      expect(await sdk.updateSettings(P, { vertical: 'B2B' }, T0)).toEqual({ http_only_cookies: true, vertical: 'B2B' });
      expect(await sdk.settings(P)).toEqual({ http_only_cookies: true, vertical: 'B2B' });
      expect(await sdk.settings('project-test-other')).toEqual({ http_only_cookies: false, vertical: 'CONSUMER' });
    });

    it('keys: listed by activation time', async () => {
      const key = (kid: string, activates_at: number) => ({ kid, project_id: P, public_jwk: { kid }, private_key: 'sealed', created_at: T0, activates_at });
      await s.keys.insert(key('k2', T0 + 10));
      await s.keys.insert(key('k1', T0));
      expect((await s.keys.list(P)).map((k) => [k.kid, k.public_jwk])).toEqual([['k1', { kid: 'k1' }], ['k2', { kid: 'k2' }]]);
    });

    it('project clocks: 0 until advanced; advances add up atomically; reset; per project', async () => {
      const c = s.projectClocks;
      expect(await c.get(P)).toBe(0);
      await c.reset(P, T0); // before any advance: stays 0
      expect(await c.get(P)).toBe(0);
      expect(await c.advance(P, 600_000, T0)).toBe(600_000);
      expect(await c.advance(P, 90_000, T0 + 1)).toBe(690_000);
      // parallel advances (the server and the CLI at once) all count
      const results = await Promise.all(Array.from({ length: 5 }, (_, i) => c.advance(P, 1000, T0 + 2 + i)));
      expect(Math.max(...results)).toBe(695_000);
      expect(await c.get(P)).toBe(695_000);
      // beyond 32 bits: offsets of years
      expect(await c.advance(P, 400 * 86_400_000, T0 + 10)).toBe(695_000 + 400 * 86_400_000);
      expect(await c.get('project-test-other')).toBe(0);
      await c.reset(P, T0 + 20);
      expect(await c.get(P)).toBe(0);
      expect(await c.advance(P, 5000, T0 + 30)).toBe(5000);
    });

    it('server meta: absent until put; the first value put stays', async () => {
      expect(await s.meta.get('master_key_check')).toBeNull();
      expect(await s.meta.putIfAbsent('master_key_check', 'v1.first')).toBe('v1.first');
      expect(await s.meta.putIfAbsent('master_key_check', 'v1.second')).toBe('v1.first');
      expect(await s.meta.get('master_key_check')).toBe('v1.first');
      expect(await s.meta.get('other')).toBeNull();
    });

    it('users: insert, get by id or external id, by email (case-insensitive), unique email/phone/external id', async () => {
      const u = user({ external_id: 'crm-1', trusted_metadata: { a: [1] } });
      u.phones.push({ phone_id: id('phone-number'), phone_number: '+12025550123', verified: true, created_at: T0 });
      await s.users.insert(u);
      const got = await s.users.get(P, u.user.user_id);
      expect(got).toMatchObject({ user_id: u.user.user_id, trusted_metadata: { a: [1] }, emails: u.emails, phones: u.phones });
      expect((await s.users.get(P, 'crm-1'))?.user_id).toBe(u.user.user_id);
      expect((await s.users.byEmail(P, u.emails[0]!.email.toUpperCase()))?.user_id).toBe(u.user.user_id);
      const conflict = async (x: Parameters<Stores['users']['insert']>[0]) => (await s.users.insert(x).catch((e: unknown) => e)) as ConflictError;
      const dupEmail = user();
      dupEmail.emails[0]!.email = u.emails[0]!.email;
      expect((await conflict(dupEmail)).field).toBe('email');
      const dupPhone = user();
      dupPhone.phones.push({ phone_id: id('phone-number'), phone_number: '+12025550123', verified: false, created_at: T0 });
      expect((await conflict(dupPhone)).field).toBe('phone_number');
      expect((await conflict(user({ external_id: 'crm-1' }))).field).toBe('external_id');
      // the failed inserts left nothing behind
      expect((await s.users.search(P, { operator: 'AND', operands: [], after: null, limit: 10 })).total).toBe(1);
    });

    it('users: addEmail adds an unverified email; a taken email is a conflict and adds nothing', async () => {
      const u = user();
      const other = user();
      await s.users.insert(u);
      await s.users.insert(other);
      const extra = { email_id: id('email'), email: 'second@example.com', verified: false, created_at: T0 + 1 };
      await s.users.addEmail(P, u.user.user_id, extra);
      expect((await s.users.get(P, u.user.user_id))?.emails).toEqual([u.emails[0], extra]);
      expect((await s.users.byEmail(P, 'SECOND@example.com'))?.user_id).toBe(u.user.user_id);
      const taken = { email_id: id('email'), email: 'second@example.com', verified: false, created_at: T0 + 2 };
      expect(((await s.users.addEmail(P, other.user.user_id, taken).catch((e: unknown) => e)) as ConflictError).field).toBe('email');
      expect((await s.users.get(P, other.user.user_id))?.emails).toEqual(other.emails);
      await s.users.markEmailVerified(P, extra.email_id);
      expect((await s.users.get(P, u.user.user_id))?.emails[1]?.verified).toBe(true);
    });

    it('users: byPhone finds the holder; addPhone adds an unverified number; a taken number is a conflict and adds nothing', async () => {
      const u = user();
      const other = user();
      await s.users.insert(u);
      await s.users.insert(other);
      expect(await s.users.byPhone(P, '+15555550100')).toBeNull();
      const phone = { phone_id: id('phone-number'), phone_number: '+15555550100', verified: false, created_at: T0 + 1 };
      await s.users.addPhone(P, u.user.user_id, phone);
      expect((await s.users.get(P, u.user.user_id))?.phones).toEqual([...u.phones, phone]);
      expect((await s.users.byPhone(P, '+15555550100'))?.user_id).toBe(u.user.user_id);
      expect(await s.users.byPhone('project-test-other', '+15555550100')).toBeNull();
      const taken = { phone_id: id('phone-number'), phone_number: '+15555550100', verified: false, created_at: T0 + 2 };
      expect(((await s.users.addPhone(P, other.user.user_id, taken).catch((e: unknown) => e)) as ConflictError).field).toBe('phone_number');
      expect((await s.users.get(P, other.user.user_id))?.phones).toEqual(other.phones);
      await s.users.markPhoneVerified(P, phone.phone_id);
      expect((await s.users.get(P, u.user.user_id))?.phones.at(-1)?.verified).toBe(true);
    });

    it('users: update, delete with cascade', async () => {
      const u = user();
      await s.users.insert(u);
      const other = user({ external_id: 'taken' });
      await s.users.insert(other);
      const updated = await s.users.update(P, u.user.user_id, { name: { first_name: 'A', middle_name: 'B', last_name: 'C' }, roles: ['r'], untrusted_metadata: { x: 1 } });
      expect(updated).toMatchObject({ name: { first_name: 'A', middle_name: 'B', last_name: 'C' }, roles: ['r'], untrusted_metadata: { x: 1 } });
      expect(((await s.users.update(P, u.user.user_id, { external_id: 'taken' }).catch((e: unknown) => e)) as ConflictError).field).toBe('external_id');
      expect(await s.users.update(P, 'user-test-missing', { roles: [] })).toBeNull();
      await s.sessions.insert(session(u.user.user_id));
      expect(await s.users.delete(P, u.user.user_id)).toBe(true);
      expect(await s.users.get(P, u.user.user_id)).toBeNull();
      expect(await s.sessions.listLive(P, u.user.user_id, T0)).toEqual([]);
      expect(await s.users.delete(P, u.user.user_id)).toBe(false);
    });

    it('users: search with AND/OR, fuzzy filters and a keyset cursor', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const u = user({ name: { first_name: i % 2 ? 'Odd' : 'Even', middle_name: '', last_name: `N${i}` }, status: i === 4 ? 'pending' : 'active' });
        ids.push(u.user.user_id);
        await s.users.insert(u);
      }
      const all = await s.users.search(P, { operator: 'AND', operands: [], after: null, limit: 2 });
      expect([all.total, all.users.map((u) => u.user_id)]).toEqual([5, ids.slice(0, 2)]);
      const last = all.users[1]!;
      const next = await s.users.search(P, { operator: 'AND', operands: [], after: { created_at: last.created_at, user_id: last.user_id }, limit: 2 });
      expect(next.users.map((u) => u.user_id)).toEqual(ids.slice(2, 4));
      const odd = await s.users.search(P, { operator: 'AND', operands: [{ kind: 'full_name_fuzzy', value: 'odd n' }], after: null, limit: 10 });
      expect(odd.users.map((u) => u.user_id)).toEqual([ids[1], ids[3]]);
      const or = await s.users.search(P, { operator: 'OR', operands: [{ kind: 'status', value: 'pending' }, { kind: 'user_ids', values: [ids[0]!] }], after: null, limit: 10 });
      expect(or.users.map((u) => u.user_id)).toEqual([ids[0], ids[4]]);
      const like = await s.users.search(P, { operator: 'AND', operands: [{ kind: 'email_fuzzy', value: '%' }], after: null, limit: 10 });
      expect(like.total).toBe(0); // LIKE wildcards in the value are literal
      const never = await s.users.search(P, { operator: 'OR', operands: [{ kind: 'never' }], after: null, limit: 10 });
      expect(never.total).toBe(0);
    });

    it('passwords: set with session revocation and lockout choice, compare-and-set upgrade and lockout', async () => {
      const u = user();
      await s.users.insert(u);
      const keep = session(u.user.user_id);
      const drop = session(u.user.user_id);
      await s.sessions.insert(keep);
      await s.sessions.insert(drop);
      await s.users.setPassword(P, u.user.user_id, { password_id: 'pw', hash: 'h-old', requires_reset: false }, { clearLockout: true, revokeSessions: { now: T0, except: keep.session_id } });
      expect((await s.sessions.listLive(P, u.user.user_id, T0)).map((x) => x.session_id)).toEqual([keep.session_id]);
      await s.users.upgradePasswordHash(P, u.user.user_id, 'not-current', 'h-x');
      expect((await s.users.get(P, u.user.user_id))?.password?.hash).toBe('h-old');
      await s.users.upgradePasswordHash(P, u.user.user_id, 'h-old', 'h-new');
      expect((await s.users.get(P, u.user.user_id))?.password?.hash).toBe('h-new');

      const id = u.user.user_id;
      const clear = { failed_attempts: 0, failed_window_started_at: null, lock_created_at: null, lock_expires_at: null };
      const counted = { failed_attempts: 1, failed_window_started_at: T0, lock_created_at: null, lock_expires_at: null };
      const locked = { failed_attempts: 0, failed_window_started_at: null, lock_created_at: T0, lock_expires_at: T0 + 5000 };
      expect(await s.users.lockoutState(P, id)).toEqual(clear);
      expect(await s.users.lockoutState(P, 'user-test-unknown')).toBeNull();
      expect(await s.users.compareAndSetLockout(P, id, clear, counted)).toBe(true);
      // A writer that read the old state loses, whichever value it wanted to write.
      expect(await s.users.compareAndSetLockout(P, id, clear, locked)).toBe(false);
      expect(await s.users.lockoutState(P, id)).toEqual(counted);
      expect(await s.users.compareAndSetLockout(P, id, counted, locked)).toBe(true);
      expect(await s.users.get(P, id)).toMatchObject(locked);
      // Setting a password keeps or clears the lockout as asked.
      await s.users.setPassword(P, id, { password_id: 'pw', hash: 'h-mig', requires_reset: false }, { clearLockout: false });
      expect(await s.users.lockoutState(P, id)).toEqual(locked);
      await s.users.setPassword(P, id, { password_id: 'pw', hash: 'h-reset', requires_reset: false }, { clearLockout: true });
      expect(await s.users.lockoutState(P, id)).toEqual(clear);
    });

    const consumer = (): SessionUnderTest<SessionRecord> => ({
      projectId: P,
      store: s.sessions,
      t0: T0,
      ref: { idOf: (r) => r.session_id, subjectOf: (r) => r.user_id },
      async insert() {
        const u = user();
        await s.users.insert(u);
        const x = session(u.user.user_id);
        await s.sessions.insert(x);
        return x;
      },
    });

    it('sessions: a touch is one read; compare-and-set writes only the version read, only while live; revoke bumps the version', async () => {
      await checkCompareAndSet(consumer());
    });

    it('sessions: parallel extensions never shorten, parallel claim merges lose nothing, factors upsert, nothing succeeds after a revoke', async () => {
      await checkConcurrentChanges(consumer());
    });

    it('sessions: revoke one, or all of a user but one', async () => {
      const u = user();
      await s.users.insert(u);
      const [x, y, z] = [session(u.user.user_id), session(u.user.user_id, { started_at: T0 + 1 }), session(u.user.user_id, { started_at: T0 + 2 })];
      for (const r of [x, y, z]) await s.sessions.insert(r);
      expect((await s.sessions.revoke(P, { tokenHash: x.token_hash }, T0 + 5))?.session_id).toBe(x.session_id);
      expect(await s.sessions.revoke(P, { tokenHash: x.token_hash }, T0 + 6)).toBeNull();
      expect(await s.sessions.touch(P, { tokenHash: x.token_hash }, T0 + 7)).toBeNull();
      expect(await s.sessions.revokeAllForUser(P, u.user.user_id, T0 + 8, z.session_id)).toBe(1);
      expect((await s.sessions.listLive(P, u.user.user_id, T0 + 9)).map((r) => r.session_id)).toEqual([z.session_id]);
    });

    it('revocations: revoked sessions and deleted users\' sessions within the retain window, oldest first', async () => {
      const u = user();
      await s.users.insert(u);
      const a = session(u.user.user_id);
      const b = session(u.user.user_id);
      const c = session(u.user.user_id);
      const old = session(u.user.user_id, { started_at: T0 - 900_000, expires_at: T0 - 400_000 }); // expired before the window
      for (const x of [a, b, c, old]) await s.sessions.insert(x);
      let heard = 0;
      const off = s.revocations.subscribe(() => heard++);
      await s.sessions.revoke(P, { sessionId: b.session_id }, T0 + 20);
      await s.sessions.revoke(P, { sessionId: a.session_id }, T0 + 10);
      expect(heard).toBe(2);
      expect(await s.revocations.since(P, T0)).toEqual([
        { session_id: a.session_id, revoked_at: T0 + 10 },
        { session_id: b.session_id, revoked_at: T0 + 20 },
      ]);
      expect(await s.revocations.since(P, T0 + 15)).toEqual([{ session_id: b.session_id, revoked_at: T0 + 20 }]);
      expect(await s.revocations.since('project-test-other', T0)).toEqual([]);
      // A delete keeps its sessions in the feed: live ones revoked now, revoked ones with their time.
      expect(await s.users.delete(P, u.user.user_id, T0 + 30)).toBe(true);
      expect(heard).toBe(3);
      off();
      const after = await s.revocations.since(P, T0);
      expect(after).toEqual([
        { session_id: a.session_id, revoked_at: T0 + 10 },
        { session_id: b.session_id, revoked_at: T0 + 20 },
        { session_id: c.session_id, revoked_at: T0 + 30 },
      ]);
    });
  });
}
