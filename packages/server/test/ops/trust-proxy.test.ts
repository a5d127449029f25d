/**
 * TESSERA_TRUST_PROXY (issue #19) from outside: by default `X-Forwarded-For` is ignored, so a client cannot
 * pick the address the console's sign-in limit counts or the audit log records; with the proxy's address
 * (or a hop count) the client is the address that proxy appended, never one the client wrote before it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '@tessera/test-utils';
import { createAdmin } from '../../src/domain/admin/create-admin.js';
import { queryAudit } from '../../src/domain/audit/query-audit.js';

const PASSWORD = 'operator-password-1234';
const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function server(trustProxy?: string): Promise<TestServer> {
  const srv = await startServer(trustProxy === undefined ? {} : { env: { TESSERA_TRUST_PROXY: trustProxy } });
  servers.push(srv);
  await createAdmin(srv.server.runtime.deps, 'ops', PASSWORD);
  return srv;
}

/** A failed console sign-in whose request claims to come through proxies (`forwarded`: X-Forwarded-For). */
const signIn = (srv: TestServer, forwarded: string) =>
  fetch(`${srv.url}/admin/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': forwarded },
    // Unknown usernames, so no account gets locked and every refusal is the limit's or a 401.
    body: new URLSearchParams({ username: `nobody-${Math.random()}`, password: 'wrong-password-123' }).toString(),
  }).then((r) => r.status);

/** The address the audit log records for one API write sent with `forwarded`. */
async function auditedAddress(srv: TestServer, forwarded: string): Promise<string | null> {
  const email = `ip-${Math.random().toString(36).slice(2)}@example.com`;
  const res = await fetch(`${srv.url}/v1/users`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${srv.project.project_id}:${srv.project.secret}`).toString('base64')}`,
      'content-type': 'application/json',
      'x-forwarded-for': forwarded,
    },
    body: JSON.stringify({ email }),
  });
  expect(res.status).toBe(200);
  const { user_id } = (await res.json()) as { user_id: string };
  await srv.server.runtime.deps.audit.flush();
  const [entry] = (await queryAudit(srv.server.runtime.deps, { project_id: srv.project.project_id, limit: 1000 })).filter((e) => e.target === user_id);
  return entry!.ip;
}

describe('TESSERA_TRUST_PROXY', () => {
  it('off (the default): X-Forwarded-For is ignored; a client rotating it stays under one limit', async () => {
    const srv = await server();
    expect(await auditedAddress(srv, '203.0.113.7')).toBe('127.0.0.1');
    // 24 sign-ins in parallel, each claiming another address: the limit (20 per window) still counts one.
    const statuses = await Promise.all(Array.from({ length: 24 }, (_, i) => signIn(srv, `198.51.100.${i + 1}`)));
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(20);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(4);
  });

  it("the proxy's address: the client is the address it appended, each with its own limit", async () => {
    const srv = await server('127.0.0.1');
    expect(await auditedAddress(srv, '203.0.113.7')).toBe('203.0.113.7');
    // What a client wrote before the proxy's entry is not believed: the proxy appended 203.0.113.7.
    expect(await auditedAddress(srv, '10.9.9.9, 203.0.113.7')).toBe('203.0.113.7');
    // 24 clients behind the proxy: none is limited by the others.
    const many = await Promise.all(Array.from({ length: 24 }, (_, i) => signIn(srv, `198.51.100.${i + 1}`)));
    expect(new Set(many)).toEqual(new Set([401]));
    // One client behind it, 24 times: limited.
    const one = await Promise.all(Array.from({ length: 24 }, () => signIn(srv, '203.0.113.50')));
    expect(one.filter((s) => s === 429).length).toBeGreaterThanOrEqual(4);
  });

  it('a hop count trusts that many proxies in front, no more', async () => {
    const srv = await server('1');
    expect(await auditedAddress(srv, '10.9.9.9, 203.0.113.7')).toBe('203.0.113.7');
    const two = await server('2');
    expect(await auditedAddress(two, '10.9.9.9, 203.0.113.7')).toBe('10.9.9.9');
  });

  it('a proxy not on the list is not believed', async () => {
    const srv = await server('10.0.0.0/8');
    expect(await auditedAddress(srv, '203.0.113.7')).toBe('127.0.0.1');
  });
});
