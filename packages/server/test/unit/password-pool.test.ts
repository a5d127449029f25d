/**
 * PasswordPool over real worker threads (the real worker module; no stand-ins): where the work runs,
 * what a full queue and a dead worker answer, the order jobs are served in. No timings are asserted, only
 * orderings and counts.
 */
import crypto from 'node:crypto';
import { threadId as mainThreadId } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import {
  PasswordPool,
  PasswordQueueFullError,
  PasswordWorkerError,
  parseMigratedHash,
  type PasswordPoolOptions,
} from '../../src/crypto/password/index.js';

const pools: PasswordPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

function pool(options: Partial<PasswordPoolOptions> = {}, entry?: URL): PasswordPool {
  const p = new PasswordPool({ workers: 1, queuePerProject: 64, queueTotal: 1024, ...options }, entry);
  pools.push(p);
  return p;
}

/** A migrated PBKDF2-SHA256 hash of `password` with `iterations` (the cost knob of these tests). */
function pbkdf2Stored(password: string, iterations: number): string {
  const salt = crypto.randomBytes(16);
  const key = crypto.pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const parsed = parseMigratedHash({
    hash_type: 'pbkdf_2',
    hash: key.toString('base64'),
    pbkdf_2_config: { salt: salt.toString('base64'), iteration_amount: iterations, key_length: 32, algorithm: 'sha256' },
  });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.stored;
}

describe('PasswordPool: where the work runs', () => {
  it('runs every job on a worker thread, never on the main thread, and counts each kind', async () => {
    const p = pool({ workers: 2 });
    await p.start();
    const stored = await p.hash('project-a', 'a password for the pool');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await p.verify('project-a', stored, 'a password for the pool')).toEqual({ ok: true, needsRehash: false, rehashed: null });
    expect(await p.verify('project-a', stored, 'not it')).toEqual({ ok: false, needsRehash: false, rehashed: null });
    await p.verifyDummy('project-a', 'whoever');

    const stats = p.stats();
    expect(stats.threadIds).toHaveLength(2);
    expect(stats.threadIds).not.toContain(mainThreadId);
    // Lower CPU priority than the event loop, where threads have their own (Linux).
    if (process.platform === 'linux') for (const nice of stats.workerNice) expect(nice).toBeGreaterThanOrEqual(10);
    else expect(stats.workerNice).toEqual([null, null]);
    // start() made the dummy hash: 2 hashes, 2 verifications, 1 dummy verification.
    expect(stats.completed).toEqual({ hash: 2, verify: 2, dummy: 1 });
    const threads = Object.keys(stats.completedByThread).map(Number);
    expect(threads.every((t) => t !== mainThreadId && stats.threadIds.includes(t))).toBe(true);
    expect(Object.values(stats.completedByThread).reduce((a, b) => a + b, 0)).toBe(5);
  });

  it('leaves libuv\'s threadpool free: 4 slow PBKDF2 logins on 4 workers do not delay an async RSA signature', async () => {
    // libuv has 4 threads; if the workers used the async APIs, these four jobs would hold all of them and
    // the signature below (what every session JWT needs) would only start when the first job ended.
    const p = pool({ workers: 4 });
    await p.start();
    const stored = pbkdf2Stored('right password', 400_000);
    const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const events: string[] = [];
    const logins = Array.from({ length: 4 }, (_, i) => p.verify(`project-${i}`, stored, 'wrong password').then(() => events.push('login')));
    await new Promise<void>((resolve, reject) =>
      crypto.sign('sha256', Buffer.from('a session JWT'), privateKey, (error) => (error ? reject(error) : (events.push('signed'), resolve()))),
    );
    await Promise.all(logins);
    expect(events[0]).toBe('signed');
  });

  it('keeps the event loop turning while a worker hashes (phpass, which used to run on the main thread)', async () => {
    const p = pool();
    await p.start();
    const parsed = parseMigratedHash({ hash_type: 'phpass', hash: '$P$E12345678aaaaaaaaaaaaaaaaaaaaa0' }); // 2^16 rounds, the cap
    if (!parsed.ok) throw new Error(parsed.message);
    const events: string[] = [];
    const verified = p.verify('project-a', parsed.stored, 'whatever').then(() => events.push('verified'));
    setImmediate(() => events.push('immediate'));
    await verified;
    expect(events).toEqual(['immediate', 'verified']);
  });
});

describe('PasswordPool: the fair queue', () => {
  it('serves a project that arrives behind another\'s backlog after the running job, not after the backlog', async () => {
    const p = pool({ workers: 1 });
    await p.start();
    const slow = pbkdf2Stored('b password', 50_000);
    const cheap = await p.hash('project-a', 'a password');
    const order: string[] = [];
    const b = Array.from({ length: 5 }, (_, i) => p.verify('project-b', slow, 'wrong').then(() => order.push(`b${i + 1}`)));
    const a = p.verify('project-a', cheap, 'a password').then(() => order.push('a'));
    await Promise.all([...b, a]);
    expect(order).toEqual(['b1', 'a', 'b2', 'b3', 'b4', 'b5']);
  });

  it('refuses a job when its project has queuePerProject waiting (PasswordQueueFullError "project"), and still queues other projects', async () => {
    const p = pool({ workers: 1, queuePerProject: 2 });
    await p.start();
    const stored = await p.hash('project-b', 'b password');
    const results = ['b', 'b', 'b', 'b', 'a'].map((project) =>
      p.verify(`project-${project}`, stored, 'wrong').then(
        () => 'verified',
        (error: unknown) => (error instanceof PasswordQueueFullError ? `refused:${error.scope}` : `error:${String(error)}`),
      ),
    );
    // The first runs at once, two wait, the fourth is refused; project a still has room.
    expect(await Promise.all(results)).toEqual(['verified', 'verified', 'verified', 'refused:project', 'verified']);
    expect(p.stats().refused).toBe(1);
  });

  it('refuses a job when queueTotal are waiting in all (PasswordQueueFullError "total")', async () => {
    const p = pool({ workers: 1, queuePerProject: 2, queueTotal: 2 });
    await p.start();
    const stored = await p.hash('x', 'pw');
    const results = ['a', 'a', 'b', 'c'].map((project) =>
      p.verify(project, stored, 'wrong').then(
        () => 'verified',
        (error: unknown) => (error instanceof PasswordQueueFullError ? `refused:${error.scope}` : `error:${String(error)}`),
      ),
    );
    expect(await Promise.all(results)).toEqual(['verified', 'verified', 'verified', 'refused:total']);
  });
});

describe('PasswordPool: lifecycle', () => {
  const crashing = new URL('../fixtures/crashing-password-worker.ts', import.meta.url);

  it('answers a job whose worker died with PasswordWorkerError, replaces the worker, and runs the next jobs', async () => {
    const p = pool({ workers: 1 }, crashing);
    await p.start();
    const [before] = p.stats().threadIds;
    const crashed = p.hash('project-a', 'crash this worker now');
    const waiting = p.hash('project-a', 'queued behind the crash');
    await expect(crashed).rejects.toBeInstanceOf(PasswordWorkerError);
    expect(await waiting).toMatch(/^\$argon2id\$/);
    const stats = p.stats();
    expect(stats.restarts).toBe(1);
    expect(stats.threadIds).toHaveLength(1);
    expect(stats.threadIds[0]).not.toBe(before);
    expect(stats.failed).toBe(1);
  });

  it('starts the workers lazily on the first job when start() was not called', async () => {
    const p = pool({ workers: 2 });
    expect(p.stats().threadIds).toEqual([]);
    expect(await p.hash('project-a', 'lazy')).toMatch(/^\$argon2id\$/);
  });

  it('close() rejects waiting jobs, terminates the workers, and refuses new jobs', async () => {
    const p = pool({ workers: 1 });
    await p.start();
    const stored = pbkdf2Stored('pw', 50_000);
    const jobs = [p.verify('a', stored, 'x'), p.verify('a', stored, 'y')].map((j) => j.then(() => 'done', (e: unknown) => e));
    await p.close();
    for (const outcome of await Promise.all(jobs)) expect(outcome).toBeInstanceOf(PasswordWorkerError);
    expect(p.stats().threadIds).toEqual([]);
    await expect(p.hash('a', 'after close')).rejects.toBeInstanceOf(PasswordWorkerError);
  });
});
