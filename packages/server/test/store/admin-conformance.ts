/**
 * The admin console's stores in the conformance suite (SQLite and PostgreSQL): operator accounts,
 * sessions, lockout compare-and-set, and the project secrets the console rotates (the last one stays,
 * also under parallel removals).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AdminExistsError, type AdminAccountRecord } from '../../src/store/admin-stores.js';
import type { Stores } from '../../src/store/stores.js';

const P = 'project-test-00000000-0000-4000-8000-0000000000a1';
const T0 = Date.UTC(2026, 0, 1);

function account(username: string, over: Partial<AdminAccountRecord> = {}): AdminAccountRecord {
  return {
    admin_id: `admin-${username}`,
    username,
    password_hash: '$argon2id$placeholder',
    created_at: T0,
    failed_attempts: 0,
    failed_window_started_at: null,
    lock_created_at: null,
    lock_expires_at: null,
    ...over,
  };
}

export function defineAdminStoreConformance(name: string, open: () => Promise<{ stores: Stores; close(): Promise<void> }>) {
  describe(`admin store conformance: ${name}`, () => {
    let s: Stores;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ stores: s, close } = await open());
    });
    afterEach(() => close());

    it('accounts: create, a taken username, list, password replaced (sessions ended), remove', async () => {
      expect(await s.admins.count()).toBe(0);
      await s.admins.create(account('ops'));
      await expect(s.admins.create(account('ops', { admin_id: 'admin-other' }))).rejects.toBeInstanceOf(AdminExistsError);
      await s.admins.create(account('second', { created_at: T0 + 1 }));
      expect(await s.admins.count()).toBe(2);
      expect((await s.admins.list()).map((a) => a.username)).toEqual(['ops', 'second']);
      expect(await s.admins.byUsername('ops')).toEqual(account('ops'));
      expect(await s.admins.byUsername('nobody')).toBeNull();

      const session = { session_hash: 'h-ops', admin_id: 'admin-ops', created_at: T0, last_seen_at: T0, expires_at: T0 + 1000, ip: '127.0.0.1', user_agent: 'ua' };
      await s.admins.createSession(session);
      expect(await s.admins.session('h-ops')).toEqual({ session, account: account('ops') });
      await s.admins.touchSession('h-ops', T0 + 5);
      expect((await s.admins.session('h-ops'))?.session.last_seen_at).toBe(T0 + 5);
      expect(await s.admins.setPassword('admin-ops', '$argon2id$new')).toBe(true);
      expect(await s.admins.session('h-ops')).toBeNull();
      expect((await s.admins.byUsername('ops'))?.password_hash).toBe('$argon2id$new');

      await s.admins.createSession({ ...session, session_hash: 'h-2', admin_id: 'admin-second' });
      expect(await s.admins.remove('second')).toBe(true);
      expect(await s.admins.remove('second')).toBe(false);
      expect(await s.admins.session('h-2')).toBeNull();
      expect(await s.admins.count()).toBe(1);
    });

    it('sessions: delete one, purge the expired', async () => {
      await s.admins.create(account('ops'));
      const base = { admin_id: 'admin-ops', created_at: T0, last_seen_at: T0, ip: null, user_agent: null };
      await s.admins.createSession({ ...base, session_hash: 'old', expires_at: T0 + 10 });
      await s.admins.createSession({ ...base, session_hash: 'new', expires_at: T0 + 1000 });
      await s.admins.createSession({ ...base, session_hash: 'gone', expires_at: T0 + 1000 });
      await s.admins.deleteSession('gone');
      expect(await s.admins.purgeSessions(T0 + 100)).toBe(1);
      expect(await s.admins.session('old')).toBeNull();
      expect(await s.admins.session('gone')).toBeNull();
      expect(await s.admins.session('new')).not.toBeNull();
    });

    it('lockout: compare-and-set wins once from the same state', async () => {
      await s.admins.create(account('ops'));
      const state = (await s.admins.lockoutState('admin', 'admin-ops'))!;
      const next = { failed_attempts: 1, failed_window_started_at: T0, lock_created_at: null, lock_expires_at: null };
      const outcomes = await Promise.all([0, 1, 2, 3].map(() => s.admins.compareAndSetLockout('admin', 'admin-ops', state, next)));
      expect(outcomes.filter(Boolean)).toHaveLength(1);
      expect(await s.admins.lockoutState('admin', 'admin-ops')).toEqual(next);
      expect(await s.admins.lockoutState('admin', 'admin-nobody')).toBeNull();
    });

    it('project secrets: listed without hashes; the last one is never removed, also by parallel removals', async () => {
      await s.projects.create(
        { project_id: P, env: 'test', name: 'p', created_at: T0 },
        { secret_id: 's1', project_id: P, secret_hash: 'h1', last_four: 'aaaa', created_at: T0 },
        'public-token-test-a1',
      );
      await s.projects.addSecret({ secret_id: 's2', project_id: P, secret_hash: 'h2', last_four: 'bbbb', created_at: T0 + 1 });
      expect(await s.projects.secrets(P)).toEqual([
        { secret_id: 's1', project_id: P, last_four: 'aaaa', created_at: T0 },
        { secret_id: 's2', project_id: P, last_four: 'bbbb', created_at: T0 + 1 },
      ]);
      expect(await s.projects.removeSecret(P, 'nope')).toBe('not_found');
      // Both remaining secrets removed at once: exactly one goes.
      const outcomes = await Promise.all([s.projects.removeSecret(P, 's1'), s.projects.removeSecret(P, 's2')]);
      expect(outcomes.sort()).toEqual(['last', 'removed']);
      expect(await s.projects.secrets(P)).toHaveLength(1);
      expect((await s.projects.credentials(P))?.secretHashes).toHaveLength(1);
    });
  });
}
