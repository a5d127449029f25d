/**
 * Password hashing cannot starve the rest of the server, nor one project another (security review #13,
 * points 2 and 9b), through the official clients against a real server. The assertions are orderings and
 * counts, never durations: "this answered before that", "this many were refused".
 *
 * The expensive hash is a migrated PBKDF2-SHA256 at 1,000,000 iterations (Django 5.2's default): about
 * half a second of one CPU per login here, an eternity next to a JWT signature.
 */
import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import * as stytch from 'stytch';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '@tessera/test-utils';
import { b2bClient, createOrg, memberWithPassword } from '../b2b/helpers.js';
import { officialClient, STRONG_PASSWORD, stytchError, uniqueEmail, useServer } from './helpers.js';

const LEGACY = 'legacy password from a Django site';
const ITERATIONS = 1_000_000;

/** `passwords.migrate` fields for a PBKDF2-SHA256 hash of LEGACY (computed once, here in the test). */
let pbkdf2Fields: { hash_type: 'pbkdf_2'; hash: string; pbkdf_2_config: stytch.PasswordsMigrateRequest['pbkdf_2_config'] };
beforeAll(() => {
  const salt = crypto.randomBytes(16);
  const key = crypto.pbkdf2Sync(LEGACY, salt, ITERATIONS, 32, 'sha256');
  pbkdf2Fields = {
    hash_type: 'pbkdf_2',
    hash: key.toString('base64'),
    pbkdf_2_config: { salt: salt.toString('base64'), iteration_amount: ITERATIONS, key_length: 32, algorithm: 'sha256' },
  };
});

/** A second project on the server, its client, and a user there whose password is the expensive hash. */
async function projectWithExpensiveUser(srv: TestServer) {
  const project = await srv.createProject();
  const client = officialClient(srv, project);
  const email = uniqueEmail('django');
  const { user_id } = await client.passwords.migrate({ email, ...pbkdf2Fields });
  return { project, client, email, user_id };
}

/**
 * Resolves once `n` more jobs have reached the password pool (running, waiting, refused or done). Receiving a
 * request is not enough: over PostgreSQL each login awaits its reads first, so a request sent later (project
 * A's) could reach the pool before the storm's last ones.
 */
function jobsSubmitted(pool: TestServer['server']['runtime']['deps']['passwordPool'], n: number): Promise<void> {
  const seen = () => {
    const s = pool.stats();
    return s.running + s.queued + s.refused + s.failed + Object.values(s.completed).reduce((a, b) => a + b, 0);
  };
  const before = seen();
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 30_000;
    const poll = () => {
      if (seen() - before >= n) return resolve();
      if (Date.now() > deadline) return reject(new Error(`the password pool saw ${seen() - before} of ${n} jobs`));
      setTimeout(poll, 5);
    };
    poll();
  });
}

/** Resolves once the server has received `n` more requests for `path` (seen by node:http, before any handler). */
function requestsReceived(srv: TestServer, path: string, n: number): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    const onRequest = (req: IncomingMessage) => {
      if (req.url === path && ++seen === n) {
        srv.server.app.server.off('request', onRequest);
        resolve();
      }
    };
    srv.server.app.server.on('request', onRequest);
  });
}

/** error_type of a call that must fail (or 'ok'), after checking the Stytch error shape. */
const outcome = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    async (err: unknown) => {
      const e = await stytchError(Promise.reject(err));
      return `${e.status_code} ${e.error_type}`;
    },
  );

describe('password work and other projects (one password worker)', () => {
  // Lockout off the table: these tests send many wrong passwords on purpose.
  const t = useServer({ TESSERA_PASSWORD_WORKERS: '1', TESSERA_LOCKOUT_THRESHOLD: '1000' });

  it('sessions.authenticate in project A (a fresh RS256 JWT) answers before the first of 4 expensive logins in project B', async () => {
    const login = await t.client.passwords.create({ email: uniqueEmail('a'), password: STRONG_PASSWORD, session_duration_minutes: 60 });
    const b = await projectWithExpensiveUser(t.srv);

    const order: string[] = [];
    const received = requestsReceived(t.srv, '/v1/passwords/authenticate', 4);
    // Four logins fill libuv's four threads if password work runs there (it did: async crypto.pbkdf2).
    const storm = Array.from({ length: 4 }, () =>
      outcome(b.client.passwords.authenticate({ email: b.email, password: 'wrong guess' })).then((r) => (order.push('B login'), r)),
    );
    await received;
    const session = await outcome(t.client.sessions.authenticate({ session_token: login.session_token }));
    order.push('A authenticate');
    const logins = await Promise.all(storm);

    expect(session).toBe('ok');
    expect(logins).toEqual(Array(4).fill('401 unauthorized_credentials'));
    expect(order[0]).toBe('A authenticate');
  }, 60_000);

  it('a login in project A is served right after the running job, before project B\'s queued backlog drains', async () => {
    const email = uniqueEmail('a');
    await t.client.passwords.create({ email, password: STRONG_PASSWORD });
    const b = await projectWithExpensiveUser(t.srv);

    const order: string[] = [];
    const received = jobsSubmitted(t.srv.server.runtime.deps.passwordPool, 5);
    const storm = Array.from({ length: 5 }, () =>
      outcome(b.client.passwords.authenticate({ email: b.email, password: 'wrong guess' })).then((r) => (order.push('B'), r)),
    );
    await received;
    const a = await outcome(t.client.passwords.authenticate({ email, password: STRONG_PASSWORD, session_duration_minutes: 5 }));
    order.push('A');
    const logins = await Promise.all(storm);

    expect(a).toBe('ok');
    expect(logins).toEqual(Array(5).fill('401 unauthorized_credentials'));
    // With one worker: at most B's running login finishes first, then A, then the rest of B's.
    expect(order.indexOf('A')).toBeLessThanOrEqual(1);
  }, 60_000);

  it('password work runs on worker threads, not the main thread', async () => {
    const pool = t.srv.server.runtime.deps.passwordPool;
    const before = pool.stats();
    await t.client.passwords.create({ email: uniqueEmail('thread'), password: STRONG_PASSWORD });
    const after = pool.stats();
    expect(after.completed.hash).toBe(before.completed.hash + 1);
    expect(after.threadIds).toHaveLength(1);
    expect(after.threadIds[0]).not.toBe(0); // the main thread's id
    expect(Object.keys(after.completedByThread).map(Number)).not.toContain(0);
  });

  it('an unknown email costs a verification against the dummy hash, like a wrong password (consumer)', async () => {
    const pool = t.srv.server.runtime.deps.passwordPool;
    const email = uniqueEmail('known');
    await t.client.passwords.create({ email, password: STRONG_PASSWORD });

    const before = pool.stats().completed;
    expect(await outcome(t.client.passwords.authenticate({ email: uniqueEmail('nobody'), password: STRONG_PASSWORD }))).toBe('404 email_not_found');
    const afterUnknown = pool.stats().completed;
    expect(afterUnknown).toEqual({ ...before, dummy: before.dummy + 1 });

    expect(await outcome(t.client.passwords.authenticate({ email, password: 'a wrong password' }))).toBe('401 unauthorized_credentials');
    expect(pool.stats().completed).toEqual({ ...afterUnknown, verify: afterUnknown.verify + 1 });
  });

  it('an unknown member costs a verification against the dummy hash, like a wrong password (B2B)', async () => {
    const pool = t.srv.server.runtime.deps.passwordPool;
    const client = b2bClient(t.srv);
    const org = await createOrg(client);
    const member = await memberWithPassword(client, org.organization_id);
    const authenticate = (email_address: string, password: string) =>
      outcome(client.passwords.authenticate({ organization_id: org.organization_id, email_address, password }));

    const before = pool.stats().completed;
    expect(await authenticate(uniqueEmail('nobody'), STRONG_PASSWORD)).toBe('404 member_not_found');
    const afterUnknown = pool.stats().completed;
    expect(afterUnknown).toEqual({ ...before, dummy: before.dummy + 1 });

    expect(await authenticate(member.email_address, 'a wrong password')).toBe('401 unauthorized_credentials');
    expect(pool.stats().completed).toEqual({ ...afterUnknown, verify: afterUnknown.verify + 1 });
  });

  it('passwords.migrate refuses hashes over the cost caps with invalid_password_hash', async () => {
    const email = uniqueEmail('overcap');
    const overPbkdf2 = { ...pbkdf2Fields, pbkdf_2_config: { ...pbkdf2Fields.pbkdf_2_config!, iteration_amount: 2_000_001 } };
    expect(await outcome(t.client.passwords.migrate({ email, ...overPbkdf2 }))).toBe('400 invalid_password_hash');
    // Cost 14 (the old cap): ~1.8 s per login in bcryptjs.
    const bcrypt14 = '$2b$14$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW';
    expect(await outcome(t.client.passwords.migrate({ email, hash_type: 'bcrypt', hash: bcrypt14 }))).toBe('400 invalid_password_hash');
    // Django 6.0's 1,200,000 is fine.
    const django60 = { ...pbkdf2Fields, pbkdf_2_config: { ...pbkdf2Fields.pbkdf_2_config!, iteration_amount: 1_200_000 } };
    expect(await outcome(t.client.passwords.migrate({ email, ...django60 }))).toBe('ok');
  });
});

describe('a full password queue (one worker, two waiting per project)', () => {
  const t = useServer({ TESSERA_PASSWORD_WORKERS: '1', TESSERA_PASSWORD_QUEUE_PER_PROJECT: '2', TESSERA_LOCKOUT_THRESHOLD: '1000' });

  it('refuses project B\'s logins past its queue with 429 too_many_requests (not counted towards the lockout), and still serves project A', async () => {
    const email = uniqueEmail('a');
    await t.client.passwords.create({ email, password: STRONG_PASSWORD });
    const b = await projectWithExpensiveUser(t.srv);

    const received = jobsSubmitted(t.srv.server.runtime.deps.passwordPool, 6);
    const storm = Array.from({ length: 6 }, () => outcome(b.client.passwords.authenticate({ email: b.email, password: 'wrong guess' })));
    await received;
    const a = await outcome(t.client.passwords.authenticate({ email, password: STRONG_PASSWORD }));
    const logins = await Promise.all(storm);

    // One runs, two wait, three are refused at once; nothing was refused in project A.
    expect(logins.sort()).toEqual([
      ...Array(3).fill('401 unauthorized_credentials'),
      ...Array(3).fill('429 too_many_requests'),
    ]);
    expect(a).toBe('ok');
    // Only the three verified guesses count towards the lockout: a refused login checked no password.
    const lockout = await t.srv.server.runtime.deps.stores.users.lockoutState(b.project.project_id, b.user_id);
    expect(lockout?.failed_attempts).toBe(3);
  }, 60_000);
});
