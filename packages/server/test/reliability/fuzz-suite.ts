/**
 * The malformed-request run shared by the fast slice (`fuzz.test.ts`, in `npm test`) and the long run
 * (`fuzz.long.test.ts`, in `npm run test:reliability`): a real server with data in every kind of table,
 * `count` generated malformed requests (8 in flight), then the checks: no 5xx, every error Stytch-shaped,
 * and every table's content unchanged (`MOVING_TABLES` aside).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type TestServer } from '@tessera/test-utils';
import { officialClient, STRONG_PASSWORD, uniqueEmail } from '../compat/helpers.js';
import { changedTables, settledDigests, sqliteFileOf } from './db-digest.js';
import { checkAnswer, closeFuzzAgent, fuzzSeed, malformedRequests, sendRaw } from './malformed.js';

const IN_FLIGHT = 8;

export function malformedRequestSuite(count: number, timeout: number): void {
  let srv: TestServer;
  let sessionToken: string;
  beforeAll(async () => {
    srv = await startServer();
    const client = officialClient(srv);
    const created = await client.passwords.create({ email: uniqueEmail('rel-fuzz'), password: STRONG_PASSWORD, session_duration_minutes: 600 });
    sessionToken = created.session_token;
    await client.magicLinks.email.loginOrCreate({ email: uniqueEmail('rel-fuzz-ml'), login_magic_link_url: 'http://localhost:3000/authenticate', signup_magic_link_url: 'http://localhost:3000/authenticate' });
  });
  afterAll(async () => {
    closeFuzzAgent();
    await srv?.close();
  });

  it(`${count} generated malformed requests across every route: no 5xx, Stytch-shaped errors, the database unchanged`, { timeout }, async () => {
    const seed = fuzzSeed();
    console.log(`malformed requests: seed ${seed} (replay with TESSERA_FUZZ_SEED=${seed}), ${count} requests`);
    const file = sqliteFileOf(srv.dir);
    const before = await settledDigests(file);
    const started = Date.now();
    const statuses = new Map<number, number>();
    const faults = new Map<string, number>();
    /** Requests answered below 400: allowed (a GET of junk may find nothing), listed for when the database moved. */
    const accepted: string[] = [];
    const queue = malformedRequests({ seed, count, project: srv.project, sessionToken });
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        for (let next = queue.next(); !next.done; next = queue.next()) {
          const req = next.value;
          const answer = await sendRaw(srv.url, req);
          checkAnswer(req, answer);
          if (answer.status < 400) accepted.push(`${req.fault} -> ${answer.status} ${req.method} ${req.path.slice(0, 200)} ${String(req.body).slice(0, 200)}`);
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          const f = req.fault.split(' ')[0]!;
          faults.set(f, (faults.get(f) ?? 0) + 1);
        }
      }),
    );
    const duration = Date.now() - started;
    const after = await settledDigests(file);
    console.log(
      `malformed requests: seed ${seed}, ${count} sent in ${duration} ms; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}; faults ${JSON.stringify(Object.fromEntries(faults))}`,
    );
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(count);
    expect(changedTables(before, after), `seed ${seed}; answered below 400: ${accepted.join(' | ')}`).toEqual([]);
  });
}
