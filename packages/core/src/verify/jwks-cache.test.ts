import { beforeAll, describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { JwksCache, JwksFetchError, JwksNoMatchingKeyError } from './jwks-cache.js';

let k1: JWK;
let k2: JWK;
beforeAll(async () => {
  k1 = { ...(await exportJWK((await generateKeyPair('RS256')).publicKey)), kid: 'k1', alg: 'RS256' };
  k2 = { ...(await exportJWK((await generateKeyPair('RS256')).publicKey)), kid: 'k2', alg: 'RS256' };
});

const URL_ = 'http://127.0.0.1:9/v1/sessions/jwks/project-test-x';

/** A fetch whose answers the test releases by hand. */
function manualFetch() {
  const pending: { init: RequestInit; resolve: (r: Response) => void; reject: (e: unknown) => void }[] = [];
  const fetch = ((_url: string, init: RequestInit) =>
    new Promise<Response>((resolve, reject) => pending.push({ init, resolve, reject }))) as unknown as typeof globalThis.fetch;
  const reply = (i: number, keys: JWK[], status = 200) =>
    pending[i]!.resolve(new Response(JSON.stringify({ keys }), { status, headers: { date: new Date().toUTCString() } }));
  return { fetch, pending, reply };
}

/** A fetch that answers at once with the given keys. */
function keysFetch(get: () => JWK[] | Response) {
  let calls = 0;
  const fetch = (async () => {
    calls++;
    const v = get();
    return v instanceof Response ? v : Response.json({ keys: v });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls: () => calls };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('JwksCache', () => {
  it('shares one in-flight fetch between concurrent callers', async () => {
    const f = manualFetch();
    const cache = new JwksCache({ url: URL_, fetch: f.fetch, shareInFlight: true });
    const keys = Array.from({ length: 10 }, () => cache.getKey({ alg: 'RS256', kid: 'k1' }));
    await tick();
    expect(f.pending).toHaveLength(1);
    f.reply(0, [k1]);
    const resolved = await Promise.all(keys);
    expect(new Set(resolved).size).toBe(1);
    expect(cache.fetchCount).toBe(1);
  });

  it('fetches without credentials or redirects', async () => {
    const f = manualFetch();
    const cache = new JwksCache({ url: URL_, fetch: f.fetch });
    void cache.reload();
    await tick();
    const { init } = f.pending[0]!;
    expect(init).toMatchObject({ method: 'GET', redirect: 'manual', headers: { accept: 'application/json, application/jwk-set+json' } });
    expect(JSON.stringify(init.headers)).not.toMatch(/authorization/i);
    expect(init.credentials).toBeUndefined();
    f.reply(0, [k1]);
  });

  it('does not share in-flight fetches where request I/O is isolated (workerd), and keeps the newest result', async () => {
    const f = manualFetch();
    const cache = new JwksCache({ url: URL_, fetch: f.fetch, shareInFlight: false });
    const a = cache.getKey({ alg: 'RS256', kid: 'k1' });
    const b = cache.getKey({ alg: 'RS256', kid: 'k2' });
    await tick();
    expect(f.pending).toHaveLength(2);
    f.reply(1, [k1, k2]); // the later fetch lands first
    await expect(b).resolves.toBeTruthy();
    f.reply(0, [k1]); // the older answer must not replace it
    await expect(a).resolves.toBeTruthy();
    expect(cache.jwks()!.keys).toHaveLength(2);
  });

  it('refetches a set older than maxAgeMs on next use', async () => {
    let t = 0;
    const f = keysFetch(() => [k1]);
    const cache = new JwksCache({ url: URL_, fetch: f.fetch, now: () => t });
    await cache.getKey({ alg: 'RS256', kid: 'k1' });
    t += 599_999;
    await cache.getKey({ alg: 'RS256', kid: 'k1' });
    expect(f.calls()).toBe(1);
    expect(cache.fresh).toBe(true);
    t += 1;
    expect(cache.fresh).toBe(false);
    await cache.getKey({ alg: 'RS256', kid: 'k1' });
    expect(f.calls()).toBe(2);
  });

  /** A cache on a hand-released fetch and a hand-set clock, with k1 loaded at t = 0. */
  async function loadedAtZero(shareInFlight: boolean) {
    const clock = { t: 0 };
    const f = manualFetch();
    const cache = new JwksCache({ url: URL_, fetch: f.fetch, shareInFlight, now: () => clock.t });
    const first = cache.getKey({ alg: 'RS256', kid: 'k1' });
    await tick();
    f.reply(0, [k1]);
    return { clock, f, cache, key: await first };
  }

  it('where fetches are not shared, an expired set serves the callers that come while the first one refetches, for at most staleGraceMs', async () => {
    const { clock, f, cache, key } = await loadedAtZero(false);
    clock.t = 600_000; // expired: this caller refetches and waits for it
    const refetching = cache.getKey({ alg: 'RS256', kid: 'k1' });
    expect(refetching).toBeInstanceOf(Promise);
    await tick();
    expect(f.pending).toHaveLength(2);
    // Everyone else in the meantime gets the expired set's key at once, without a fetch of their own.
    for (const dt of [1, 10_000, 29_999]) {
      clock.t = 600_000 + dt;
      expect(cache.getKey({ alg: 'RS256', kid: 'k1' })).toBe(key);
    }
    await tick();
    expect(f.pending).toHaveLength(2);
    // The refetch has not landed by maxAgeMs + staleGraceMs: from then on every caller waits for keys of its own.
    clock.t = 630_000;
    expect(cache.getKey({ alg: 'RS256', kid: 'k1' })).toBeInstanceOf(Promise);
    expect(cache.getKey({ alg: 'RS256', kid: 'k1' })).toBeInstanceOf(Promise);
    await tick();
    expect(f.pending).toHaveLength(4);
    // A refetch that lands makes the set fresh again, and its own expiry starts a new refetch.
    f.reply(1, [k1]);
    await expect(refetching).resolves.toBeTruthy();
    expect(cache.fresh).toBe(true);
    clock.t += 600_000;
    expect(cache.getKey({ alg: 'RS256', kid: 'k1' })).toBeInstanceOf(Promise);
    for (const p of f.pending.slice(2)) p.resolve(Response.json({ keys: [k1] }));
  });

  it('where the fetch is shared, callers after expiry wait for the one refetch (no stale keys)', async () => {
    const { clock, f, cache } = await loadedAtZero(true);
    clock.t = 600_000;
    const waiting = [1, 2, 3].map(() => cache.getKey({ alg: 'RS256', kid: 'k1' }));
    for (const w of waiting) expect(w).toBeInstanceOf(Promise);
    await tick();
    expect(f.pending).toHaveLength(2);
    f.reply(1, [k1]);
    await Promise.all(waiting);
  });

  it('refetches on an unknown kid at most once per cooldown, counted from the last attempt', async () => {
    let t = 0;
    let keys: JWK[] | Response = [k1];
    const f = keysFetch(() => keys);
    const cache = new JwksCache({ url: URL_, fetch: f.fetch, now: () => t });
    await cache.getKey({ alg: 'RS256', kid: 'k1' });
    await expect(cache.getKey({ alg: 'RS256', kid: 'k2' })).rejects.toThrow(JwksNoMatchingKeyError);
    expect(f.calls()).toBe(1);
    t += 30_000;
    keys = new Response('down', { status: 503 });
    await expect(cache.getKey({ alg: 'RS256', kid: 'k2' })).rejects.toThrow(JwksFetchError);
    expect(f.calls()).toBe(2);
    // The failed attempt starts a new cooldown: unknown kids cannot hammer a failing JWKS endpoint.
    keys = [k1, k2];
    t += 10_000;
    await expect(cache.getKey({ alg: 'RS256', kid: 'k2' })).rejects.toThrow(JwksNoMatchingKeyError);
    expect(f.calls()).toBe(2);
    t += 20_000;
    await expect(cache.getKey({ alg: 'RS256', kid: 'k2' })).resolves.toBeTruthy();
    expect(f.calls()).toBe(3);
    // Known keys keep working throughout.
    await expect(cache.getKey({ alg: 'RS256', kid: 'k1' })).resolves.toBeTruthy();
  });

  it('lets an unknown kid join a fetch already in flight instead of failing on its cooldown', async () => {
    const f = manualFetch();
    const cache = new JwksCache({ url: URL_, fetch: f.fetch });
    const first = cache.getKey({ alg: 'RS256', kid: 'k1' });
    await tick();
    f.reply(0, [k1]);
    await first;
    const t = cache.reload(); // a refresh is under way...
    const k = cache.getKey({ alg: 'RS256', kid: 'k2' }); // ...when a token with a new kid arrives
    await tick();
    f.reply(1, [k1, k2]);
    await t;
    await expect(k).resolves.toBeTruthy();
    expect(cache.fetchCount).toBe(2);
  });

  it('reports each response to onResponse with the times around the fetch', async () => {
    let t = 1_000;
    const seen: [number, number, number][] = [];
    const f = keysFetch(() => [k1]);
    const cache = new JwksCache({
      url: URL_,
      fetch: f.fetch,
      now: () => (t += 5),
      onResponse: (res, sent, received) => seen.push([res.status, sent, received]),
    });
    await cache.reload();
    expect(seen).toEqual([[200, 1_005, 1_010]]);
  });

  it('fails with JwksFetchError on a non-200, a malformed body, a network error and a timeout', async () => {
    const cases: (() => Response | Promise<Response>)[] = [
      () => new Response('{}', { status: 404 }),
      () => new Response('not json'),
      () => Response.json({ keys: 'nope' }),
      () => Promise.reject(new TypeError('fetch failed')),
    ];
    for (const answer of cases) {
      const cache = new JwksCache({ url: URL_, fetch: (async () => answer()) as unknown as typeof fetch });
      await expect(cache.getKey({ alg: 'RS256', kid: 'k1' })).rejects.toThrow(JwksFetchError);
    }
    const hanging = ((_u: string, init: RequestInit) =>
      new Promise((_, reject) => init.signal!.addEventListener('abort', () => reject(init.signal!.reason)))) as unknown as typeof fetch;
    const cache = new JwksCache({ url: URL_, fetch: hanging, timeoutMs: 20 });
    await expect(cache.getKey({ alg: 'RS256', kid: 'k1' })).rejects.toThrow(/timed out/);
  });

  it('validates its options', () => {
    expect(() => new JwksCache({ url: 'not a url' })).toThrow();
    expect(() => new JwksCache({ url: URL_, cooldownMs: -1 })).toThrow(TypeError);
    expect(() => new JwksCache({ url: URL_, timeoutMs: Number.NaN })).toThrow(TypeError);
    expect(() => new JwksCache({ url: URL_, staleGraceMs: -1 })).toThrow(TypeError);
  });
});
