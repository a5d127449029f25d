/**
 * `/healthz` and `/readyz`: answered without credentials, with no project data; readiness fails, naming the
 * check, when a migration this version knows of is not recorded as applied, when a project has no key that
 * signs, and when the database is gone.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '@tessera/test-utils';
import { get } from './helpers.js';

let srv: TestServer | undefined;
afterEach(async () => {
  await srv?.close();
  srv = undefined;
});

const json = (text: string) => JSON.parse(text) as Record<string, unknown>;

describe('health and readiness', () => {
  it('/healthz and /readyz answer 200 without credentials, and hold no project data', async () => {
    srv = await startServer();
    const health = await get(`${srv.url}/healthz`);
    expect(health.status).toBe(200);
    expect(json(health.text)).toMatchObject({ status_code: 200, status: 'ok' });
    expect(json(health.text).request_id).toMatch(/^request-id-test-/);
    const ready = await get(`${srv.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(json(ready.text)).toEqual({
      status_code: 200,
      request_id: expect.any(String),
      status: 'ready',
      checks: { database: { ok: true }, migrations: { ok: true }, signing_keys: { ok: true } },
    });
    expect(ready.text).not.toContain(srv.project.project_id);
    // Not part of the Stytch API description.
    const openapi = await get(`${srv.url}/openapi.json`);
    expect(openapi.text).not.toContain('/readyz');
    expect(openapi.text).not.toContain('/healthz');
  });

  it('a migration not recorded as applied makes /readyz 503, naming it', async () => {
    srv = await startServer();
    const db = new Database(path.join(srv.dir, 'tessera.db'));
    try {
      db.prepare('delete from tessera_migrations where name = ?').run('0009_test_clock');
    } finally {
      db.close();
    }
    const ready = await get(`${srv.url}/readyz`);
    expect(ready.status).toBe(503);
    const body = json(ready.text);
    expect(body).toMatchObject({ status_code: 503, error_type: 'service_unavailable', status: 'not_ready', failed_checks: ['migrations'] });
    expect((body.checks as Record<string, { detail?: string }>).migrations!.detail).toBe('migrations not applied: 0009_test_clock');
    expect((await get(`${srv.url}/healthz`)).status).toBe(200);
  });

  it('a project without a signing key makes /readyz 503 on signing_keys, without naming the project', async () => {
    srv = await startServer();
    const db = new Database(path.join(srv.dir, 'tessera.db'));
    try {
      db.prepare('delete from signing_keys where project_id = ?').run(srv.project.project_id);
    } finally {
      db.close();
    }
    // The key ring is cached for 5 s of the server's clock.
    srv.clock.advance(6_000);
    const ready = await get(`${srv.url}/readyz`);
    expect(ready.status).toBe(503);
    const body = json(ready.text);
    expect(body.failed_checks).toEqual(['signing_keys']);
    expect((body.checks as Record<string, { detail?: string }>).signing_keys!.detail).toBe('no usable signing key for 1 of 1 project(s)');
    expect(ready.text).not.toContain(srv.project.project_id);
  });

  it('a closed database makes /readyz 503 on database while /healthz stays 200', async () => {
    srv = await startServer();
    await srv.server.runtime.deps.stores.close();
    const ready = await get(`${srv.url}/readyz`);
    expect(ready.status).toBe(503);
    const body = json(ready.text);
    expect(body.failed_checks).toEqual(['database']);
    expect(body.error_message).toBe('Not ready: database check failed.');
    expect(body.checks).toMatchObject({ migrations: { ok: false, skipped: true }, signing_keys: { ok: false, skipped: true } });
    expect((body.checks as Record<string, { detail?: string }>).database!.detail).toMatch(/^database unreachable: /);
    expect((await get(`${srv.url}/healthz`)).status).toBe(200);
  });
});
