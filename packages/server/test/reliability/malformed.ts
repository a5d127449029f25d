/**
 * Generated malformed requests across every route of the app (`routes` and `sdkRoutes`, the tables the
 * server is built from), from a seeded PRNG so that a failure replays: `TESSERA_FUZZ_SEED=<n>`.
 *
 * Every request carries at least one fault that must refuse it before any write: JSON that does not
 * parse, a body field of a JSON type its schema does not allow, credentials that do not authenticate, a
 * path no route has (or junk in a route's ids), a method the path does not take, or a body over the
 * limit. Around the fault, the rest is noise: random content types (the server reads every body as JSON),
 * unknown fields, huge strings, nested junk. `../http/fuzz-fields.ts` (one bad field at a time on a valid body)
 * covers the other side: requests that are half right.
 */
import http from 'node:http';
import { expect } from 'vitest';
import { ERROR_REGISTRY } from '@tessera/core';
import type { TestServer } from '@tessera/test-utils';
import { routes } from '../../src/http/app.js';
import { sdkRoutes } from '../../src/http/sdk/routes/index.js';
import type { AnyRoute } from '../../src/http/route.js';
import { BAD_VALUES } from '../http/fuzz-fields.js';

/** mulberry32: small, fast, and the same sequence on every machine for a seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function fuzzSeed(): number {
  const fromEnv = process.env.TESSERA_FUZZ_SEED;
  return fromEnv ? Number(fromEnv) >>> 0 : (Math.random() * 2 ** 32) >>> 0;
}

export interface MalformedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** What makes it malformed (for the report and failure messages). */
  fault: string;
}

type Schema = { type?: string | string[]; anyOf?: Schema[]; oneOf?: Schema[]; properties?: Record<string, Schema>; required?: string[] };

/** The JSON types a schema accepts, or null when it does not constrain the type. */
function jsonTypes(s: Schema | undefined): Set<string> | null {
  if (!s) return null;
  if (typeof s.type === 'string') return new Set([s.type]);
  if (Array.isArray(s.type)) return new Set(s.type);
  const alts = s.anyOf ?? s.oneOf;
  if (!alts) return null;
  const out = new Set<string>();
  for (const a of alts) {
    const t = jsonTypes(a);
    if (!t) return null;
    for (const x of t) out.add(x);
  }
  return out;
}

const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);
const accepts = (types: Set<string>, v: unknown) => {
  const t = typeOf(v);
  return types.has(t) || (t === 'integer' && types.has('number'));
};

const PLACEHOLDER_IDS: Record<string, string> = {
  user_id: 'user-test-00000000-0000-4000-8000-000000000000',
  organization_id: 'organization-test-00000000-0000-4000-8000-000000000000',
  member_id: 'member-test-00000000-0000-4000-8000-000000000000',
};

const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', '', 'application/json; charset=latin1', '*/*'];
const UNICODE_JUNK = ['\u0000', '\u202e', '\ud83d\ude00', '\uffff', 'é', '\u2028', '💥'];
const BAD_JSON = ['{', '{"a":', '{"a":1,}', "{'a':1}", '[1,2', 'nul', '{"a":tru}', '{"a" 1}', '\u0000{}', '{"a":"\\x"}', '{"a":"\\ud800"}', '{"__proto__":{"x":1}}', '{"a":{"constructor":{"prototype":{}}}}', '{"a":1}{"b":2}', '{"a":01}', '{"a":NaN}'];
/**
 * JSON that parses but is no object: refused (400) by every route, with a body schema or without one
 * (`POST /v1/test/clock/reset` once accepted `true` as an empty body: the fuzz found it). Only the SDK's
 * telemetry route takes any JSON (its body schema says so).
 */
const NON_OBJECT_JSON = ['"str"', '[]', '42', 'null', 'true'];

export function* malformedRequests(opts: { seed: number; count: number; project: TestServer['project']; sessionToken: string }): Generator<MalformedRequest> {
  const rnd = prng(opts.seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const all: AnyRoute[] = [...routes, ...sdkRoutes];

  const junkString = (): string => {
    switch (int(6)) {
      case 0:
        return 'x'.repeat(1 + int(30_000));
      case 1:
        return Array.from({ length: 1 + int(40) }, () => pick(UNICODE_JUNK)).join('');
      case 2:
        return '../'.repeat(1 + int(10)) + 'etc/passwd';
      case 3:
        return "' or 1=1 --";
      case 4:
        return String.fromCharCode(...Array.from({ length: 1 + int(64) }, () => 32 + int(95)));
      default:
        return '';
    }
  };
  const junkValue = (depth = 0): unknown => {
    switch (int(depth > 3 ? 6 : 9)) {
      case 0:
        return junkString();
      case 1:
        return int(2) ? -int(1e9) : rnd() * 1e308;
      case 2:
        return rnd() < 0.5;
      case 3:
        return null;
      case 4:
        return pick(BAD_VALUES);
      case 5:
        return 0;
      case 6:
        return Array.from({ length: int(5) }, () => junkValue(depth + 1));
      case 7:
        return Object.fromEntries(Array.from({ length: int(5) }, () => [junkString().slice(0, 40) || 'k', junkValue(depth + 1)]));
      default:
      {
        const n = 50 + int(3000);
        return JSON.parse('['.repeat(n) + ']'.repeat(n));
      }
    }
  };
  const basic = (user: string, pass: string) => 'Basic ' + Buffer.from(`${user}:${pass}`).toString('base64');
  const goodAuth = (r: AnyRoute) => {
    if (r.url.startsWith('/sdk/v1')) return basic(opts.project.public_token, r.auth === 'session' ? opts.sessionToken : opts.project.public_token);
    return basic(opts.project.project_id, opts.project.secret);
  };
  const badAuth = (r: AnyRoute): string =>
    pick([
      '',
      'Bearer ' + junkString().slice(0, 100).replace(/[^\x20-\x7e]/g, 'x'),
      'Basic !!!',
      'Basic ' + 'A'.repeat(1 + int(5000)),
      basic(opts.project.project_id, 'secret-test-' + 'w'.repeat(36)),
      basic('project-test-00000000-0000-4000-8000-000000000000', opts.project.secret),
      basic(r.url.startsWith('/sdk/v1') ? 'public-token-test-00000000-0000-4000-8000-000000000000' : opts.project.project_id, ''),
      basic(opts.project.secret, opts.project.project_id),
      'basic',
    ]);
  const fillPath = (url: string, junk: boolean) =>
    url.replace(/:([a-z_]+)/g, (_m, name: string) => {
      if (!junk) return name === 'public_token' ? opts.project.public_token : name === 'project_id' ? opts.project.project_id : (PLACEHOLDER_IDS[name] ?? 'x');
      if (rnd() < 0.15) return pick(['%zz', '%E0%A4%A', '%', '%%30', '%c0%ae%c0%ae']); // broken or overlong escapes, raw
      return encodeURIComponent(pick(['..', '%', junkString().slice(0, 600), "'", 'null', '0', ' ', '\u0000']) || '.');
    });
  const randomBody = (r: AnyRoute): Record<string, unknown> => {
    const props = Object.keys(((r as { body?: Schema }).body?.properties ?? {}) as object);
    const body: Record<string, unknown> = {};
    for (const p of props) if (rnd() < 0.6) body[p] = junkValue();
    for (let i = int(3); i > 0; i--) body[`unknown_${int(1000)}`] = junkValue();
    return body;
  };
  const typed = all.filter((r) => Object.values(((r as { body?: Schema }).body?.properties ?? {}) as Record<string, Schema>).some((s) => jsonTypes(s)));

  for (let i = 0; i < opts.count; i++) {
    const fault = pick(['bad_json', 'bad_json', 'wrong_type', 'wrong_type', 'wrong_type', 'bad_auth', 'bad_auth', 'path_junk', 'path_junk', 'no_route', 'wrong_method', 'too_large'] as const);
    let r = pick(all);
    const headers: Record<string, string> = { 'content-type': pick(CONTENT_TYPES) };
    let method: string = r.method;
    let path = fillPath(r.url, false);
    let body: string | undefined = method === 'GET' || method === 'DELETE' ? (rnd() < 0.1 ? JSON.stringify(randomBody(r)) : undefined) : JSON.stringify(randomBody(r));
    headers.authorization = goodAuth(r);
    switch (fault) {
      case 'bad_json': {
        if (r.method === 'GET' || r.method === 'DELETE') r = pick(all.filter((x) => x.method === 'POST' || x.method === 'PUT'));
        method = r.method;
        path = fillPath(r.url, false);
        headers.authorization = goodAuth(r);
        const valid = JSON.stringify(randomBody(r));
        body = pick([pick(rnd() < 0.3 ? NON_OBJECT_JSON : BAD_JSON), valid.slice(0, Math.max(1, int(valid.length))) + (valid.length > 2 ? '' : '{'), valid + pick(['}', ',', ' x', ']']), '{"a":' + '['.repeat(int(5000)) + '1']);
        break;
      }
      case 'wrong_type': {
        r = pick(typed);
        method = r.method;
        path = fillPath(r.url, false);
        headers.authorization = goodAuth(r);
        const props = (r as { body?: Schema }).body!.properties!;
        const candidates = Object.entries(props).filter(([, s]) => jsonTypes(s));
        const [field, schema] = pick(candidates);
        const types = jsonTypes(schema)!;
        const bad = [42, 1.5, true, null, { a: { b: [] } }, [1, 'a', null], 'x'.repeat(1 + int(20_000))].filter((v) => !accepts(types, v));
        const b = randomBody(r);
        b[field] = pick(bad);
        body = JSON.stringify(b);
        break;
      }
      case 'bad_auth':
        r = pick(all.filter((x) => x.auth !== 'none' && x.auth !== 'bootstrap' && x.auth !== 'telemetry'));
        method = r.method;
        path = fillPath(r.url, false);
        headers.authorization = badAuth(r);
        if (!headers.authorization) delete headers.authorization;
        body = method === 'GET' || method === 'DELETE' ? undefined : JSON.stringify(randomBody(r));
        break;
      case 'path_junk': {
        const withParams = all.filter((x) => x.url.includes('/:'));
        if (!r.url.includes('/:')) r = pick(withParams);
        method = r.method;
        path = fillPath(r.url, true);
        headers.authorization = goodAuth(r);
        // Junk ids on a write route still carry a bad body so that a junk id that happens to resolve cannot write.
        if (method === 'POST' || method === 'PUT' || method === 'DELETE') {
          if (method === 'DELETE') path = path.replace(/\/[^/]*$/, '/' + encodeURIComponent('../' + junkString().slice(0, 100)));
          else body = pick(BAD_JSON);
        }
        break;
      }
      case 'no_route':
        path = pick(['/v1/', '/v2/users', '/sdk/v2/x', '/v1/users/a/b/c/d', '/' + encodeURIComponent(junkString().slice(0, 1000)), '/v0' + r.url.replace(/:[a-z_]+/g, 'x') + '/' + int(1e6), '/v1/sessions/authenticate/extra', '/%2e%2e/%2e%2e/etc/passwd', '/v1/users?' + 'a=1&'.repeat(int(300))]);
        method = pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']);
        if (method === 'GET' || method === 'DELETE') body = undefined;
        break;
      case 'wrong_method': {
        const methods = new Set(all.filter((x) => x.url === r.url).map((x) => x.method));
        method = pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH'].filter((m) => !methods.has(m as never)));
        if (method === 'GET' || method === 'DELETE') body = undefined;
        break;
      }
      case 'too_large':
        r = pick(all.filter((x) => x.method === 'POST' || x.method === 'PUT'));
        method = r.method;
        path = fillPath(r.url, false);
        headers.authorization = goodAuth(r);
        body = JSON.stringify({ ...randomBody(r), padding: 'p'.repeat(1024 * 1024 + 1) });
        break;
    }
    if (rnd() < 0.05) headers['x-junk-' + int(100)] = junkString().slice(0, 200).replace(/[^\x20-\x7e]/g, '?');
    yield { method, path, headers, ...(body !== undefined ? { body } : {}), fault: `${fault} ${r.method} ${r.url}` };
  }
}

export interface FuzzAnswer {
  status: number;
  text: string;
  contentType: string | undefined;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

/** Sends one request as raw as node:http allows (no URL normalisation, any header value). */
export function sendRaw(baseUrl: string, req: MalformedRequest): Promise<FuzzAnswer> {
  const u = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const r = http.request({ host: u.hostname, port: u.port, method: req.method, path: req.path, headers: req.headers, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, text, contentType: res.headers['content-type'] }));
      res.on('error', reject);
    });
    r.on('error', reject);
    if (req.body !== undefined) r.write(req.body);
    r.end();
  });
}

/** Stytch's error shape (stytch-compatible wire contract §1.5): checked on every answer of 400 and up. */
export function checkAnswer(req: MalformedRequest, a: FuzzAnswer): void {
  const what = `${req.fault} -> ${req.method} ${req.path.slice(0, 120)}: ${a.status} ${a.text.slice(0, 300)}`;
  expect(a.status, what).toBeLessThan(500);
  expect(a.contentType, what).toMatch(/^application\/json/);
  const body = JSON.parse(a.text) as Record<string, unknown>;
  if (a.status < 400) return;
  expect(body.status_code, what).toBe(a.status);
  expect(body.request_id, what).toMatch(/^request-id-(test|live)-[0-9a-f-]{36}$/);
  expect(Object.keys(ERROR_REGISTRY), what).toContain(body.error_type);
  expect(ERROR_REGISTRY[body.error_type as keyof typeof ERROR_REGISTRY][0], what).toBe(a.status);
  expect(body.error_url, what).toBe(`https://stytch.com/docs/api/errors/${a.status}#${String(body.error_type)}`);
  expect(typeof body.error_message, what).toBe('string');
  expect(a.text, what).not.toMatch(/at .*\.(ts|js):\d+/);
}

export function closeFuzzAgent(): void {
  agent.destroy();
}
