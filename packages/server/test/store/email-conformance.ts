/**
 * Conformance of the passwordless and email stores (one-time tokens, outbox, rate limits): run by
 * `defineStoreConformance` over SQLite and PostgreSQL.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OneTimeTokenRecord, OutboxRecord } from '../../src/store/email-stores.js';
import type { Stores } from '../../src/store/stores.js';

const P = 'project-test-00000000-0000-4000-8000-0000000000e1';
const T0 = Date.UTC(2026, 0, 1);
let n = 0;

function token(over: Partial<OneTimeTokenRecord> = {}): OneTimeTokenRecord {
  n++;
  return {
    token_id: `tok-${n}`,
    project_id: P,
    purpose: 'otp',
    token_hash: `hash-${n}`,
    method_id: 'email-1',
    subject_id: 'user-1',
    organization_id: null,
    email: 'ada@example.com',
    data: { n },
    pkce_challenge: null,
    attempts: 0,
    created_at: T0 + n,
    expires_at: T0 + 600_000,
    used_at: null,
    ...over,
  };
}

function message(over: Partial<OutboxRecord> = {}): OutboxRecord {
  n++;
  return {
    message_id: `msg-${String(n).padStart(4, '0')}`,
    project_id: P,
    kind: 'login',
    recipient: 'ada@example.com',
    payload: 'sealed',
    status: 'queued',
    attempts: 0,
    next_attempt_at: T0,
    last_error: null,
    created_at: T0 + n,
    sent_at: null,
    expires_at: T0 + 86_400_000,
    ...over,
  };
}

export function defineEmailStoreConformance(name: string, open: () => Promise<{ stores: Stores; close(): Promise<void> }>) {
  describe(`email store conformance: ${name}`, () => {
    let s: Stores;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ stores: s, close } = await open());
      await s.projects.create(
        { project_id: P, env: 'test', name: 'p', created_at: T0 },
        { secret_id: 'sid-e', project_id: P, secret_hash: 'he', last_four: 'abcd', created_at: T0 },
        'public-token-test-e',
      );
    });
    afterEach(() => close());

    it('one-time tokens: by hash, one live per method, single use, attempts, revoke, purge', async () => {
      const t = s.oneTimeTokens;
      const a = token();
      await t.insert(a, { supersede: true });
      expect(await t.byHash(P, ['otp'], a.token_hash)).toEqual(a);
      expect(await t.byHash(P, ['magic_link'], a.token_hash)).toBeNull();
      expect(await t.byHash('project-test-other', ['otp'], a.token_hash)).toBeNull();
      expect((await t.liveForMethod(P, 'otp', 'email-1', T0))?.token_id).toBe(a.token_id);
      // A new code for the same method ends the previous one.
      const b = token();
      await t.insert(b, { supersede: true });
      expect((await t.byHash(P, ['otp'], a.token_hash))?.used_at).toBe(b.created_at);
      expect((await t.liveForMethod(P, 'otp', 'email-1', T0))?.token_id).toBe(b.token_id);
      expect(await t.consume(P, a.token_id, T0)).toBe(false);
      // Wrong codes are counted; the last allowed one ends the token.
      expect(await t.countFailure(P, b.token_id, 3, T0)).toBe(1);
      expect(await t.countFailure(P, b.token_id, 3, T0)).toBe(2);
      expect(await t.countFailure(P, b.token_id, 3, T0)).toBe(3);
      expect(await t.liveForMethod(P, 'otp', 'email-1', T0)).toBeNull();
      expect(await t.countFailure(P, b.token_id, 3, T0)).toBe(0);
      // Single use, also under parallel consumers; expired tokens cannot be used.
      const c = token({ purpose: 'magic_link', method_id: 'email-2' });
      await t.insert(c);
      const results = await Promise.all([1, 2, 3, 4].map(() => t.consume(P, c.token_id, T0 + 5)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await t.byHash(P, ['magic_link'], c.token_hash))?.used_at).toBe(T0 + 5);
      const d = token({ purpose: 'magic_link', method_id: 'email-3', expires_at: T0 + 10 });
      await t.insert(d);
      expect(await t.consume(P, d.token_id, T0 + 10)).toBe(false);
      // Revoke by subject or email ends only live tokens of that purpose.
      const e = token({ purpose: 'magic_link', method_id: 'email-4', subject_id: 'user-9', email: 'x@example.com' });
      const f = token({ purpose: 'magic_link', method_id: 'email-5', subject_id: 'user-8', email: 'y@example.com' });
      await t.insert(e);
      await t.insert(f);
      expect(await t.revoke(P, { purpose: 'magic_link', email: 'x@example.com' }, T0 + 1)).toBe(1);
      expect(await t.revoke(P, { purpose: 'magic_link', subject_id: 'user-8' }, T0 + 1)).toBe(1);
      expect(await t.revoke(P, { purpose: 'magic_link', subject_id: 'user-8' }, T0 + 1)).toBe(0);
      expect(await t.purgeExpired(T0 + 11)).toBe(1);
      expect(await t.byHash(P, ['magic_link'], d.token_hash)).toBeNull();
    });

    it('outbox: claim due messages once, retry, fail, sent wipes the payload, list and purge', async () => {
      const o = s.outbox;
      const a = message();
      const b = message({ next_attempt_at: T0 + 1000 });
      const local = message({ status: 'local' });
      await o.insert(a);
      await o.insert(b);
      await o.insert(local);
      const [first, second] = await Promise.all([o.claimDue(T0, 10, 30_000), o.claimDue(T0, 10, 30_000)]);
      expect([...first, ...second].map((m) => m.message_id)).toEqual([a.message_id]);
      expect(await o.claimDue(T0 + 1000, 10, 30_000)).toEqual([{ ...b, next_attempt_at: T0 + 31_000 }]);
      await o.markRetry(a.message_id, 1, T0 + 5000, 'connection refused');
      expect(await o.get(P, a.message_id)).toMatchObject({ attempts: 1, next_attempt_at: T0 + 5000, last_error: 'connection refused', status: 'queued' });
      await o.markSent(a.message_id, T0 + 6000);
      expect(await o.get(P, a.message_id)).toMatchObject({ status: 'sent', payload: '', sent_at: T0 + 6000, attempts: 2, last_error: null });
      await o.markFailed(b.message_id, 5, 'gave up', T0 + 7000);
      expect(await o.get(P, b.message_id)).toMatchObject({ status: 'failed', attempts: 5, last_error: 'gave up' });
      expect(await o.claimDue(T0 + 100_000, 10, 30_000)).toEqual([]);
      expect((await o.list(P, { limit: 10 })).map((m) => m.message_id)).toEqual([local.message_id, b.message_id, a.message_id]);
      expect((await o.list(P, { limit: 10, status: 'local' })).map((m) => m.message_id)).toEqual([local.message_id]);
      expect(await o.list(P, { limit: 1 })).toHaveLength(1);
      const queued = message({ expires_at: T0 });
      await o.insert(queued);
      expect(await o.purgeExpired(T0 + 86_400_001)).toBe(3);
      expect((await o.list(P, { limit: 10 })).map((m) => m.message_id)).toEqual([queued.message_id]);
    });

    it('mail settings: none until set, partial updates keep the rest, null clears', async () => {
      const m = s.mailSettings;
      const none = await m.get(P);
      expect(Object.values(none).every((v) => v === null)).toBe(true);
      expect(await m.update(P, { login_redirect_url: 'http://localhost:3000/auth' }, T0)).toMatchObject({ login_redirect_url: 'http://localhost:3000/auth', signup_redirect_url: null });
      expect(await m.update(P, { signup_redirect_url: 'http://localhost:3000/signup', from_address: 'a@b.c' }, T0)).toMatchObject({
        login_redirect_url: 'http://localhost:3000/auth',
        signup_redirect_url: 'http://localhost:3000/signup',
        from_address: 'a@b.c',
      });
      expect(await m.update(P, { login_redirect_url: null }, T0)).toMatchObject({ login_redirect_url: null, signup_redirect_url: 'http://localhost:3000/signup' });
      expect((await m.get('project-test-other')).login_redirect_url).toBeNull();
    });

    it('mail templates: put creates or replaces per (project, template_id), get, list in id order, delete', async () => {
      const m = s.mailTemplates;
      expect(await m.get(P, 'login')).toBeNull();
      expect(await m.list(P)).toEqual([]);
      const login = { project_id: P, template_id: 'login', kind: 'login', subject: 'Sign in', text: 'Go: {{link}}', html: null, updated_at: T0 };
      const promo = { project_id: P, template_id: 'promo-2026', kind: 'signup', subject: 'Welcome', text: '{{link}}', html: '<p>{{link}}</p>', updated_at: T0 };
      await m.put(promo);
      await m.put(login);
      expect(await m.get(P, 'login')).toEqual(login);
      expect((await m.list(P)).map((t) => t.template_id)).toEqual(['login', 'promo-2026']);
      const replaced = { ...login, subject: 'Log in to {{project_name}}', html: '<b>{{link}}</b>', updated_at: T0 + 1 };
      await m.put(replaced);
      expect(await m.get(P, 'login')).toEqual(replaced);
      expect(await m.list(P)).toHaveLength(2);
      expect(await m.get('project-test-other', 'login')).toBeNull();
      expect(await m.delete(P, 'promo-2026')).toBe(true);
      expect(await m.delete(P, 'promo-2026')).toBe(false);
      expect((await m.list(P)).map((t) => t.template_id)).toEqual(['login']);
    });

    it('rate limits: counted per bucket and window, atomically', async () => {
      const r = s.rateLimits;
      const counts = await Promise.all(Array.from({ length: 8 }, () => r.hit(P, 'endpoint:x', T0)));
      expect(counts.sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(await r.hit(P, 'endpoint:y', T0)).toBe(1);
      expect(await r.hit(P, 'endpoint:x', T0 + 60_000)).toBe(1);
      expect(await r.hit(P, 'endpoint:x', T0 + 60_000)).toBe(2);
    });
  });
}
