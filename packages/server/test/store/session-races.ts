/**
 * Session lifecycle checks shared by the consumer and the member session stores, run by the store
 * conformance suite on every database: the store's plain read and compare-and-set write, and the domain's
 * compare-and-set loop (`touchLiveSession`) over it under real concurrency.
 */
import { expect } from 'vitest';
import { touchLiveSession } from '../../src/domain/sessions/touch-live-session.js';
import type { SessionChange } from '../../src/domain/sessions/session-update.js';
import type { FactorRecord } from '../../src/store/records.js';
import type { LiveSessionStore, SessionKey, VersionedSession } from '../../src/store/session-stores.js';

export interface SessionUnderTest<R extends VersionedSession> {
  projectId: string;
  store: LiveSessionStore<R>;
  ref: { idOf: (r: R) => string; subjectOf: (r: R) => string };
  /** A fresh live session (version 0, expiring at t0 + 1 h, one password factor), inserted. */
  insert(): Promise<R & { token_hash: string }>;
  t0: number;
}

const typeOf = (e: unknown) => (e as { type?: string }).type ?? String(e);
const factor = (type: string, delivery_method: string, at: number): FactorRecord => ({ type, delivery_method, created_at: at, updated_at: at, last_authenticated_at: at });

/** The store: a touch reads; a compare-and-set writes only the version it names, only while live; a revoke bumps the version. */
export async function checkCompareAndSet<R extends VersionedSession>(t: SessionUnderTest<R>): Promise<void> {
  const { store, projectId: P, t0: T0 } = t;
  const x = await t.insert();
  const id = t.ref.idOf(x);
  expect(await store.touch(P, { tokenHash: x.token_hash }, T0 + 10)).toMatchObject({ last_accessed_at: T0 + 10, expires_at: T0 + 3600_000, version: 0 });
  const next = { last_accessed_at: T0 + 20, expires_at: T0 + 7200_000, custom_claims: { k: 1 }, factors: [factor('email_otp', 'email', T0 + 20)] };
  expect(await store.compareAndSet(P, id, 1, next, T0 + 20)).toBeNull(); // not the stored version
  expect(await store.compareAndSet('project-test-other', id, 0, next, T0 + 20)).toBeNull();
  expect(await store.compareAndSet(P, id, 0, next, T0 + 20)).toMatchObject({ ...next, version: 1 });
  expect(await store.compareAndSet(P, id, 0, { ...next, expires_at: T0 + 1 }, T0 + 21)).toBeNull(); // stale version: nothing written
  expect(await store.getLive(P, { sessionId: id }, T0 + 30)).toMatchObject({ ...next, version: 1 });
  expect(await store.compareAndSet(P, id, 1, next, T0 + 7200_000)).toBeNull(); // expired at `now`
  expect(await store.touch(P, { tokenHash: x.token_hash }, T0 + 7200_000)).toBeNull();
  expect(await store.touch('project-test-other', { tokenHash: x.token_hash }, T0 + 40)).toBeNull();
  expect((await store.revoke(P, { sessionId: id }, T0 + 40))?.version).toBe(2);
  expect(await store.compareAndSet(P, id, 1, next, T0 + 50)).toBeNull();
  expect(await store.compareAndSet(P, id, 2, next, T0 + 50)).toBeNull(); // revoked
  expect(await store.getLive(P, { sessionId: id }, T0 + 50)).toBeNull();
}

/** The domain over the store: extensions, merges and factors under concurrency; nothing after a revoke. */
export async function checkConcurrentChanges<R extends VersionedSession>(t: SessionUnderTest<R>): Promise<void> {
  const { store, projectId: P, t0: T0, ref } = t;
  const x = await t.insert();
  const key: SessionKey = { sessionId: ref.idOf(x) };
  const change = (c: SessionChange) => touchLiveSession(P, store, ref, { key, jwtUserId: null }, c);

  // N parallel extensions with different durations, each merging its own claim: the expiry is the
  // largest asked for, every claim is there, and every change was one version.
  const minutes = [5, 600, 60, 300, 120, 30, 480, 10, 240, 90, 15, 45];
  const written = await Promise.all(minutes.map((m, i) => change({ now: T0 + i, expiresAt: T0 + i + m * 60_000, claims: { [`k${i}`]: i } })));
  const longest = Math.max(...minutes.map((m, i) => T0 + i + m * 60_000));
  const after = await store.getLive(P, key, T0 + 100);
  expect(after?.expires_at).toBe(longest);
  expect(after?.custom_claims).toEqual(Object.fromEntries(minutes.map((_, i) => [`k${i}`, i])));
  expect(after?.version).toBe(minutes.length);
  expect(new Set(written.map((r) => r.version)).size).toBe(minutes.length);
  // A shorter extension later does not shorten it.
  expect((await change({ now: T0 + 200, expiresAt: T0 + 200 + 5 * 60_000 })).expires_at).toBe(longest);

  // Factors upsert (created_at kept), only for the session's own subject; a refused merge writes nothing.
  const subject = ref.subjectOf(x);
  const withOtp = await change({ now: T0 + 300, addFactor: factor('email_otp', 'email', T0 + 300), subjectId: subject });
  expect(withOtp.factors.map((f) => f.type)).toEqual(['password', 'email_otp']);
  const again = await change({ now: T0 + 310, addFactor: factor('password', 'knowledge', T0 + 310), subjectId: subject });
  expect(again.factors.map((f) => [f.type, f.created_at, f.last_authenticated_at])).toEqual([['password', T0, T0 + 310], ['email_otp', T0 + 300, T0 + 300]]);
  expect(typeOf(await change({ now: T0 + 320, addFactor: factor('sms_otp', 'sms', T0 + 320), subjectId: 'someone-else' }).catch((e) => e))).toBe('session_user_mismatch');
  expect(typeOf(await change({ now: T0 + 330, claims: { big: 'x'.repeat(5000) } }).catch((e) => e))).toBe('custom_claims_too_large');
  expect((await store.getLive(P, key, T0 + 340))?.version).toBe(again.version);

  // Parallel in-flight authenticates (plain and extending) around a revoke: once it returned, none succeeds
  // and none writes; the in-flight ones either landed before it or fail with session_not_found.
  const inflight = Array.from({ length: 12 }, (_, i) =>
    change(i % 2 ? { now: T0 + 400 + i } : { now: T0 + 400 + i, expiresAt: T0 + 400 + i + 700 * 60_000 }).then(
      () => 'ok',
      (e: unknown) => typeOf(e),
    ),
  );
  const revoked = await store.revoke(P, key, T0 + 405);
  expect(revoked).not.toBeNull();
  for (const c of [{ now: T0 + 410 }, { now: T0 + 410, expiresAt: T0 + 9_000_000 }, { now: T0 + 410, claims: { z: 1 } }]) {
    expect(typeOf(await change(c).catch((e) => e))).toBe('session_not_found');
  }
  for (const r of await Promise.all(inflight)) expect(['ok', 'session_not_found']).toContain(r);
  expect(await store.getLive(P, key, T0 + 420)).toBeNull();
  expect(await store.touch(P, { tokenHash: x.token_hash }, T0 + 420)).toBeNull();
}
