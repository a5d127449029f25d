import { describe, expect, it } from 'vitest';
import { EdgeAuthenticator } from './authenticator.js';
import { parseCookies, serializeCookie } from './cookies.js';
import { apiBase } from './options.js';
import { envs } from './pages-api.js';
import tesseraPlugin from './pages.js';

const SESSION = { session_id: 'session-test-1', user_id: 'user-test-1', expires_at: '2999-01-01T00:00:00Z' };

function fakeApi(answer: (body: any) => Response | Promise<Response> = () => Response.json({ status_code: 200, request_id: 'r', session: SESSION, session_jwt: 'j', session_token: 't', user: { user_id: 'user-test-1' } })) {
  const calls: { url: string; init: RequestInit; body: any }[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body));
    calls.push({ url, init, body });
    return answer(body);
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}

let n = 0;
const options = (extra: object = {}) => ({ project_id: `project-test-${++n}`, secret: 'secret-test-x', env: 'http://127.0.0.1:9/v1/', ...extra });
const req = (cookie?: string) => new Request('https://app.example/x', cookie === undefined ? {} : { headers: { cookie } });

describe('options', () => {
  it('normalizes env to the /v1/ base the official plugin concatenates to', () => {
    for (const e of ['http://h:1', 'http://h:1/', 'http://h:1/v1', 'http://h:1/v1/']) expect(apiBase(e)).toBe('http://h:1/v1/');
    expect(envs.at('https://auth.example.com')).toBe('https://auth.example.com/v1/');
    expect(envs.test).toBe('https://test.stytch.com/v1/');
    expect(() => apiBase('')).toThrow(TypeError);
    expect(() => apiBase('not a url')).toThrow();
  });

  it('refuses missing project_id, secret and a bad mode or cache', () => {
    expect(() => new EdgeAuthenticator({ ...options(), project_id: '' })).toThrow(/project_id/);
    expect(() => new EdgeAuthenticator({ ...options(), secret: '' })).toThrow(/secret/);
    expect(() => new EdgeAuthenticator(options({ mode: 'opaque' }) as never)).toThrow(/mode/);
    expect(() => new EdgeAuthenticator(options({ cache: { ttl_seconds: -1 } }))).toThrow(/ttl_seconds/);
  });
});

describe('cookies', () => {
  it('parses tolerantly: no header is an empty jar, the first occurrence wins, quotes and bad escapes survive', () => {
    expect(parseCookies(null).size).toBe(0);
    const jar = parseCookies('a=1; b="two"; a=3; c=%E0%A4%A; junk; d=x%20y');
    expect(Object.fromEntries(jar)).toEqual({ a: '1', b: 'two', c: '%E0%A4%A', d: 'x y' });
  });

  it('serializes the attributes; SameSite=None forces Secure', () => {
    expect(serializeCookie('n', 'v w', { path: '/', sameSite: 'None', httpOnly: true, expires: new Date(0) })).toBe(
      'n=v%20w; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; SameSite=None; Secure; HttpOnly',
    );
  });
});

describe('EdgeAuthenticator (fake API)', () => {
  it('sends what the official plugin sends: URL, Basic auth, JSON body with session_duration_minutes', async () => {
    const api = fakeApi();
    const a = new EdgeAuthenticator(options({ fetch: api.fetch, session_duration_minutes: 30 }));
    const out = await a.authenticate(req('session_token=tok'));
    expect(out.ok).toBe(true);
    expect(api.calls[0]!.url).toBe('http://127.0.0.1:9/v1/sessions/authenticate');
    expect(api.calls[0]!.init.headers).toMatchObject({ 'Content-Type': 'application/json', Authorization: `Basic ${btoa(`${a.options.project_id}:secret-test-x`)}` });
    expect(api.calls[0]!.body).toEqual({ session_token: 'tok', session_duration_minutes: 30 });
  });

  it('prefers the session_token argument, then session_jwt, over cookies (as the official plugin)', async () => {
    const api = fakeApi();
    await new EdgeAuthenticator(options({ fetch: api.fetch, session_token: 'arg' })).authenticate(req('session_token=c; stytch_session_jwt=j'));
    await new EdgeAuthenticator(options({ fetch: api.fetch, session_jwt: 'argjwt' })).authenticate(req());
    await new EdgeAuthenticator(options({ fetch: api.fetch })).authenticate(req('stytch_session_jwt=cj'));
    expect(api.calls.map((c) => c.body)).toEqual([{ session_token: 'arg' }, { session_jwt: 'argjwt' }, { session_jwt: 'cj' }]);
  });

  it('maps API failures: rejected session -> 401, bad credentials -> 500, outage -> 503, bad secret source -> 500', async () => {
    const cases: [() => Response | Promise<Response>, number, string][] = [
      [() => Response.json({ status_code: 404, request_id: 'rq', error_type: 'session_not_found', error_message: 'Session could not be found.' }, { status: 404 }), 401, 'user_unauthenticated'],
      [() => Response.json({ error_type: 'unauthorized_credentials' }, { status: 401 }), 500, 'internal_server_error'],
      [() => new Response('oops', { status: 502 }), 503, 'service_unavailable'],
      [() => Promise.reject(new TypeError('fetch failed')), 503, 'service_unavailable'],
    ];
    for (const [answer, status, type] of cases) {
      const out = await new EdgeAuthenticator(options({ fetch: fakeApi(answer).fetch })).authenticate(req('session_token=x'));
      expect(out.ok).toBe(false);
      if (out.ok) continue;
      expect(out.response.status).toBe(status);
      expect(await out.response.json()).toMatchObject({ status_code: status, error_type: type });
    }
    const rejected = await new EdgeAuthenticator(options({ fetch: fakeApi(cases[0]![0]).fetch })).authenticate(req('session_token=x'));
    if (!rejected.ok) expect(await rejected.response.json()).toMatchObject({ request_id: 'rq', error_details: { upstream_error_type: 'session_not_found' } });
    const noKv = await new EdgeAuthenticator(options({ secret: { kv: 'NOPE', key: 'k' } })).authenticate(req('session_token=x'), {});
    expect(noKv.ok ? 0 : noKv.response.status).toBe(500);
  });

  it('caches a successful authenticate for ttl_seconds, checks isRevoked on hits, and bounds the entries', async () => {
    const api = fakeApi();
    const revoked = new Set<string>();
    const o = options({ fetch: api.fetch, cache: { ttl_seconds: 60, max_entries: 2 }, isRevoked: (id: string) => revoked.has(id) });
    const a = new EdgeAuthenticator(o);
    expect((await a.authenticate(req('session_token=a'))).ok).toBe(true);
    const hit = await a.authenticate(req('session_token=a'));
    expect(hit.ok && hit.source).toBe('cache');
    expect(api.calls).toHaveLength(1);
    // A plugin rebuilt per request (the env-reading pattern) shares the isolate's cache.
    expect((await new EdgeAuthenticator(o).authenticate(req('session_token=a'))).ok && api.calls.length).toBe(1);
    revoked.add(SESSION.session_id);
    expect((await a.authenticate(req('session_token=a'))).ok).toBe(false);
    revoked.clear();
    await a.authenticate(req('session_token=b'));
    await a.authenticate(req('session_token=c'));
    await a.authenticate(req('session_token=d')); // evicts b
    const before = api.calls.length;
    await a.authenticate(req('session_token=b'));
    expect(api.calls.length).toBe(before + 1);
  });

  it('the Pages function puts the response on data.stytch and calls next(); a 401 does not', async () => {
    const api = fakeApi();
    const fn = tesseraPlugin(options({ fetch: api.fetch }));
    const data: Record<string, any> = {};
    let nexts = 0;
    const next = async () => (nexts++, new Response('downstream'));
    const res = await fn({ request: req('stytch_session=t'), env: {}, data, next });
    expect(await res.text()).toBe('downstream');
    expect(data.stytch.session.user.user_id).toBe('user-test-1');
    const no = await fn({ request: req(), env: {}, data: {}, next });
    expect(no.status).toBe(401);
    expect(nexts).toBe(1);
  });
});
