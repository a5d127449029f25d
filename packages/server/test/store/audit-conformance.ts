/**
 * The audit log's store in the conformance suite (SQLite and PostgreSQL): batches, filters, newest-first
 * paging, purge by age, and an id written twice kept once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../src/store/audit-stores.js';
import type { Stores } from '../../src/store/stores.js';
import { auditId } from '../../src/domain/audit/audit-log.js';

const T0 = Date.UTC(2026, 0, 1);

function entry(i: number, over: Partial<AuditRecord> = {}): AuditRecord {
  const at = T0 + i * 1000;
  return {
    audit_id: auditId(at),
    at,
    actor_type: 'secret',
    actor_id: 'secret-id-a',
    project_id: 'project-test-a',
    action: 'POST /v1/users',
    target: `user-${i}`,
    ip: '127.0.0.1',
    request_id: `request-${i}`,
    status: 200,
    details: {},
    ...over,
  };
}

export function defineAuditStoreConformance(name: string, open: () => Promise<{ stores: Stores; close(): Promise<void> }>) {
  describe(`audit store conformance: ${name}`, () => {
    let s: Stores;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ stores: s, close } = await open());
    });
    afterEach(() => close());

    it('appends in batches and reads newest first, with filters and paging', async () => {
      const rows = [
        entry(1),
        entry(2, { actor_type: 'admin', actor_id: 'ops', action: 'admin.user.lock', details: { user_id: 'user-2' } }),
        entry(3, { project_id: 'project-test-b', action: 'POST /v1/sessions/revoke', status: 404 }),
        entry(4, { actor_type: 'cli', actor_id: 'cli:root', project_id: null, action: 'cli.admin.create', ip: null, request_id: null }),
        entry(5, { action: 'DELETE /v1/users/:user_id' }),
      ];
      await s.audit.append(rows.slice(0, 2));
      await s.audit.append(rows.slice(2));
      await s.audit.append([rows[0]!]); // the same id again: kept once
      const all = await s.audit.query({ limit: 100 });
      expect(all.map((r) => r.target)).toEqual(['user-5', 'user-4', 'user-3', 'user-2', 'user-1']);
      expect(all[3]).toEqual(rows[1]);
      expect(all[1]).toEqual(rows[3]);
      expect((await s.audit.query({ project_id: 'project-test-a', limit: 100 })).map((r) => r.target)).toEqual(['user-5', 'user-2', 'user-1']);
      expect((await s.audit.query({ actor_id: 'ops', limit: 100 })).map((r) => r.target)).toEqual(['user-2']);
      expect((await s.audit.query({ action_prefix: 'POST /v1/', limit: 100 })).map((r) => r.target)).toEqual(['user-3', 'user-1']);
      // No wildcard in a prefix: `%` and `_` are themselves.
      expect(await s.audit.query({ action_prefix: 'POST %', limit: 100 })).toEqual([]);
      expect(await s.audit.query({ action_prefix: 'admin_user', limit: 100 })).toEqual([]);
      expect((await s.audit.query({ since: T0 + 4000, limit: 100 })).map((r) => r.target)).toEqual(['user-5', 'user-4']);
      const first = await s.audit.query({ limit: 2 });
      const next = await s.audit.query({ limit: 2, before: first[1]!.audit_id });
      expect([...first, ...next].map((r) => r.target)).toEqual(['user-5', 'user-4', 'user-3', 'user-2']);
    });

    it('purges entries older than a time', async () => {
      await s.audit.append([entry(1), entry(2), entry(3)]);
      expect(await s.audit.purgeBefore(T0 + 2500)).toBe(2);
      expect((await s.audit.query({ limit: 10 })).map((r) => r.target)).toEqual(['user-3']);
    });
  });
}
