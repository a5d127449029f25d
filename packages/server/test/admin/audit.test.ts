/**
 * The audit log from outside: the official `stytch` client's writes are recorded with the secret's id,
 * the route, the id they were about, the address, the request id and the status (failures too); reads
 * and session authentication are not; no entry holds a secret, token or password; entries past the
 * retention are purged. The routes that are not audited are exactly the listed reads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as stytch from 'stytch';
import { startServer, type TestServer } from '@tessera/test-utils';
import { routes } from '../../src/http/app.js';
import { isAudited } from '../../src/http/api-audit.js';
import { queryAudit, purgeAudit } from '../../src/domain/audit/query-audit.js';

let srv: TestServer;
let client: stytch.Client;

beforeAll(async () => {
  srv = await startServer();
  client = new stytch.Client({ project_id: srv.project.project_id, secret: srv.project.secret, env: `${srv.url}/` });
});
afterAll(() => srv?.close());

async function entries() {
  await srv.server.runtime.deps.audit.flush();
  return queryAudit(srv.server.runtime.deps, { project_id: srv.project.project_id, limit: 1000 });
}

describe('audit log of API writes', () => {
  it('names the only routes kept out of it: reads and session checks', () => {
    const quiet = routes.filter((r) => r.auth === 'secret' && r.method !== 'GET' && !isAudited(r)).map((r) => `${r.method} ${r.url}`);
    expect(quiet.sort()).toEqual(
      [
        'POST /v1/sessions/authenticate',
        'POST /v1/users/search',
        'POST /v1/passwords/strength_check',
        'POST /v1/b2b/sessions/authenticate',
        'POST /v1/b2b/organizations/search',
        'POST /v1/b2b/organizations/members/search',
        'POST /v1/b2b/passwords/strength_check',
        'POST /v1/b2b/discovery/organizations',
      ].sort(),
    );
    // Every other secret-authenticated write is audited; GETs never are.
    expect(routes.filter((r) => r.method === 'GET').some(isAudited)).toBe(false);
  });

  it('records who did what to which id, from where, with the status; not reads; no secrets', async () => {
    const [secret] = await srv.server.runtime.deps.stores.projects.secrets(srv.project.project_id);
    const password = 'a-password-nobody-guesses-42!';
    const created = await client.passwords.create({ email: 'audited@example.com', password, session_duration_minutes: 30 });
    await client.sessions.authenticate({ session_token: created.session_token });
    await client.users.search({ limit: 10 });
    await client.sessions.revoke({ session_id: created.session!.session_id });
    await expect(client.users.delete({ user_id: 'user-test-00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ error_type: 'user_not_found' });
    await client.users.delete({ user_id: created.user_id });
    // Wrong credentials: refused before anything ran, and nobody to name.
    const stranger = new stytch.Client({ project_id: srv.project.project_id, secret: 'secret-test-wrong-wrong-wrong-wrong', env: `${srv.url}/` });
    await expect(stranger.users.delete({ user_id: created.user_id })).rejects.toMatchObject({ error_type: 'unauthorized_credentials' });

    const log = await entries();
    const lines = log.map((e) => `${e.action} ${e.target} ${e.status}`).reverse();
    expect(lines).toEqual([
      `POST /v1/passwords ${created.user_id} 200`,
      `POST /v1/sessions/revoke ${created.session!.session_id} 200`,
      'DELETE /v1/users/:user_id user-test-00000000-0000-4000-8000-000000000000 404',
      `DELETE /v1/users/:user_id ${created.user_id} 200`,
    ]);
    for (const e of log) {
      expect(e).toMatchObject({ actor_type: 'secret', actor_id: secret!.secret_id, project_id: srv.project.project_id, ip: '127.0.0.1' });
      expect(e.request_id).toMatch(/^request-id-test-/);
      expect(e.at).toMatch(/^\d{4}-\d\d-\d\dT/);
    }
    const dump = JSON.stringify(await srv.server.runtime.deps.stores.audit.query({ limit: 1000 }));
    for (const value of [srv.project.secret, created.session_token, created.session_jwt, password]) expect(dump).not.toContain(value);
  });

  it('purges entries past the retention', async () => {
    await client.users.create({ email: 'old-entry@example.com' });
    const before = (await entries()).length;
    srv.clock.advance(91 * 86_400_000);
    await client.users.create({ email: 'new-entry@example.com' });
    await srv.server.runtime.deps.audit.flush();
    const purged = await purgeAudit(srv.server.runtime.deps, 90 * 86_400_000);
    expect(purged).toBe(before);
    expect((await entries()).map((e) => e.action)).toEqual(['POST /v1/users']);
    srv.clock.reset();
  });
});
