/**
 * kill -9 under load (`npm run test:reliability`): the built `tessera start` as a child process, 1,000
 * concurrent session creations (an embeddable magic link, `POST /v1/magic_links`, then
 * `POST /v1/magic_links/authenticate` with `session_duration_minutes`: the cheapest path to a session, no
 * password hashing), SIGKILL by PID mid-way, a restart on the same database, and then every session whose
 * creation answered 200 must authenticate.
 *
 * The database is a parameter (`DATABASES`): SQLite, and PostgreSQL 15 through `TESSERA_DATABASE_URL` on a
 * throwaway cluster from `startPostgres()`.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { startPostgres } from '@tessera/test-utils';
import { createSession, createUsers, disposableDir, post, startTessera } from './tessera-process.js';

const CREATIONS = 1_000;
/** SIGKILL once this many creations have answered 200. */
const KILL_AFTER = 300;

interface TestDatabase {
  name: string;
  /** The env that points the server at the database (a fresh one per test), and how to drop it. */
  open(dataDir: string): Promise<{ env: Record<string, string>; close(): Promise<void> }>;
}

/** 1,000 magic-link authenticates within seconds are far above the default limits, which are not under test here. */
const ROOMY_LIMITS = { TESSERA_RATE_LIMIT_ENDPOINT: '1000000/1m', TESSERA_RATE_LIMIT_IDENTIFIER: '1000000/1m' };

const DATABASES: TestDatabase[] = [
  { name: 'SQLite', open: async () => ({ env: {}, close: async () => {} }) },
  {
    name: 'PostgreSQL',
    open: async () => {
      const cluster = await startPostgres();
      if ('unavailable' in cluster) throw new Error(cluster.unavailable);
      // Several processes share a PostgreSQL database, so the master key comes from the environment.
      const env = { TESSERA_DATABASE_URL: await cluster.createDatabase(), TESSERA_MASTER_KEY: crypto.randomBytes(32).toString('hex') };
      return { env, close: async () => cluster.stop() };
    },
  },
];

for (const database of DATABASES) {
  it(`${database.name}: after kill -9 amid ${CREATIONS} concurrent session creations, every session acknowledged with 200 authenticates`, { timeout: 600_000 }, async () => {
    const dataDir = disposableDir(fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-kill9-')));
    const db = await database.open(dataDir);
    try {
      const env = { ...db.env, ...ROOMY_LIMITS };
      const first = await startTessera(dataDir, env);
      const users = await createUsers(first.url, 20, 'kill9');

      const acknowledged: string[] = [];
      let killedAt = 0;
      let inFlightAtKill = 0;
      let ackedAtKill = 0;
      let refused = 0;
      const refusals = new Map<string, number>();
      const refuse = (r: { status: number; body: Record<string, any> }) => {
        refused++;
        const k = `${r.status} ${String(r.body.error_type)}`;
        refusals.set(k, (refusals.get(k) ?? 0) + 1);
      };
      let inFlight = 0;
      let killing: Promise<void> | null = null;
      const kill = () => {
        killedAt = Date.now();
        inFlightAtKill = inFlight - 1; // the creation that reached the mark is done
        ackedAtKill = acknowledged.length;
        first.proc.kill('SIGKILL');
        return first.exited;
      };
      const startedLoad = Date.now();
      await Promise.all(
        Array.from({ length: CREATIONS }, async (_, i) => {
          inFlight++;
          try {
            const auth = await createSession(first.url, users[i % users.length]!);
            if (auth.status !== 200) {
              refuse(auth);
              return;
            }
            acknowledged.push(auth.body.session_token as string);
            if (acknowledged.length === KILL_AFTER && !killing) killing = kill();
          } catch {
            // the connection died with the process: in flight at the kill, never acknowledged
          } finally {
            inFlight--;
          }
        }),
      );
      if (!killing) killing = kill(); // every creation finished before the mark (a very fast machine)
      await killing;
      const loadMs = killedAt - startedLoad;
      expect(first.proc.signalCode).toBe('SIGKILL');

      const second = await startTessera(dataDir, env);
      let authenticated = 0;
      const lost: string[] = [];
      for (let i = 0; i < acknowledged.length; i += 50) {
        await Promise.all(
          acknowledged.slice(i, i + 50).map(async (token) => {
            const res = await post(`${second.url}/v1/sessions/authenticate`, { session_token: token });
            if (res.status === 200) authenticated++;
            else lost.push(`${res.status} ${String(res.body.error_type)}`);
          }),
        );
      }
      console.log(
        `kill -9 (${database.name}): ${CREATIONS} creations fired, killed after ${loadMs} ms with ${ackedAtKill} acknowledged and ${inFlightAtKill} in flight (${acknowledged.length - ackedAtKill} of these were answered 200 before the process died), ${refused} refused ${JSON.stringify(Object.fromEntries(refusals))}; after restart ${authenticated} of ${acknowledged.length} acknowledged authenticate`,
      );
      second.proc.kill('SIGTERM');
      await second.exited;
      expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);
      expect(inFlightAtKill).toBeGreaterThan(0); // not vacuous: the kill did land mid-load
      expect(lost).toEqual([]);
      expect(authenticated).toBe(acknowledged.length);
    } finally {
      await db.close();
    }
  });
}
