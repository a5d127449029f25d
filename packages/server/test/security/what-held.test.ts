/**
 * What the outside security review found holding (issue #13), kept that way by tests: a database dump
 * alone (the SQLite file and its WAL) holds no usable token, JWT, secret, password or key; forged JWTs are
 * refused; a revoked session never authenticates again; the logs of a full scenario, at the most verbose
 * level, hold no token, secret, password or full JWT.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import * as stytch from 'stytch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyRingOf } from '../../src/domain/projects/key-ring-of.js';
import { startServer, type TestServer } from '@tessera/test-utils';
import { STRONG_PASSWORD, officialClient, stytchError, uniqueEmail } from '../compat/helpers.js';
import { b2bClient, createOrg, memberWithPassword } from '../b2b/helpers.js';

let srv: TestServer;
let client: stytch.Client;
let logs = '';
const logStream = new Writable({
  write(chunk, _enc, done) {
    logs += String(chunk);
    done();
  },
});

/** Every secret value the scenario handled, to look for afterwards. */
const secrets = new Map<string, string>();
const consumerPassword = `${STRONG_PASSWORD}-consumer`;
let sessionToken = '';
let sessionJwt = '';

beforeAll(async () => {
  srv = await startServer({ logStream, env: { TESSERA_LOG_LEVEL: 'trace' } });
  client = officialClient(srv);
  secrets.set('project secret', srv.project.secret);

  const created = await client.passwords.create({ email: uniqueEmail('held'), password: consumerPassword, session_duration_minutes: 60 });
  const authed = await client.sessions.authenticate({ session_token: created.session_token });
  sessionToken = created.session_token;
  sessionJwt = authed.session_jwt;
  secrets.set('consumer password', consumerPassword);
  secrets.set('consumer session token', created.session_token);
  secrets.set('consumer session JWT', authed.session_jwt);
  secrets.set('consumer JWT signature', authed.session_jwt.split('.')[2]!);

  const b2b = b2bClient(srv);
  const org = await createOrg(b2b);
  const member = await memberWithPassword(b2b, org.organization_id);
  const login = await b2b.passwords.authenticate({ organization_id: org.organization_id, email_address: member.email_address, password: STRONG_PASSWORD, session_duration_minutes: 60 });
  secrets.set('member password', STRONG_PASSWORD);
  secrets.set('member session token', login.session_token);
  secrets.set('member session JWT', login.session_jwt);
});
afterAll(() => srv.close());

describe('at rest: a dump of the database holds nothing usable', () => {
  it('the SQLite file and its WAL hold no token, JWT, secret, password, private key or master key', async () => {
    const ring = await keyRingOf(srv.server.runtime.deps, srv.project.project_id);
    const der = ring.signer!.key.export({ format: 'der', type: 'pkcs8' });
    const master = Buffer.from(srv.server.runtime.deps.master);
    const files = fs.readdirSync(srv.dir).filter((f) => f.startsWith('tessera.db'));
    expect(files).toEqual(expect.arrayContaining(['tessera.db', 'tessera.db-wal']));
    const dump = Buffer.concat(files.map((f) => fs.readFileSync(path.join(srv.dir, f))));
    // Control: what is not secret is there to be found, so the search below can find things.
    expect(dump.includes(Buffer.from(srv.project.project_id))).toBe(true);

    const needles: [string, Buffer][] = [...secrets].map(([name, value]) => [name, Buffer.from(value)]);
    for (const [name, value] of secrets) {
      if (name.includes('session token')) needles.push([`${name} (raw bytes)`, Buffer.from(value, 'base64url')]);
    }
    // A 32-byte window of the private key's DER (past the fixed algorithm header), in raw and encoded forms.
    const keyPart = der.subarray(64, 96);
    needles.push(['private key (DER)', keyPart], ['private key (base64)', Buffer.from(der.toString('base64').slice(100, 160))]);
    needles.push(['private key (base64url)', Buffer.from(der.toString('base64url').slice(100, 160))]);
    needles.push(['master key', master], ['master key (hex)', Buffer.from(master.toString('hex'))]);
    for (const [name, needle] of needles) expect(dump.includes(needle), `${name} found in the database`).toBe(false);
  });
});

describe('forged session JWTs are refused', () => {
  const b64 = (v: object | Buffer) => (Buffer.isBuffer(v) ? v : Buffer.from(JSON.stringify(v))).toString('base64url');
  const parts = () => {
    const [h, p] = sessionJwt.split('.') as [string, string];
    return { header: JSON.parse(Buffer.from(h, 'base64url').toString()), payload: JSON.parse(Buffer.from(p, 'base64url').toString()) };
  };
  const rsaSigned = (header: object, payload: object, key: crypto.KeyObject) => {
    const input = `${b64(header)}.${b64(payload)}`;
    return `${input}.${crypto.sign('sha256', Buffer.from(input), key).toString('base64url')}`;
  };

  it('alg none, HS256 keyed with the public key, a foreign key under our kid or its own, edited claims, another project', async () => {
    const { header, payload } = parts();
    const jwks = (await client.sessions.getJWKS({ project_id: srv.project.project_id })).keys;
    const publicPem = crypto.createPublicKey({ key: { ...jwks[0]! }, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
    const foreign = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const hs = (secret: crypto.BinaryLike) => {
      const h = { ...header, alg: 'HS256' };
      const input = `${b64(h)}.${b64(payload)}`;
      return `${input}.${crypto.createHmac('sha256', secret).update(input).digest('base64url')}`;
    };
    const [h0, p0, s0] = sessionJwt.split('.') as [string, string, string];
    const other = await srv.createProject();
    const otherClient = officialClient(srv, other);
    const otherLogin = await otherClient.passwords.create({ email: uniqueEmail('other'), password: STRONG_PASSWORD, session_duration_minutes: 60 });

    const forgeries: Record<string, string> = {
      'alg none': `${b64({ ...header, alg: 'none' })}.${p0}.`,
      'alg none with the real signature': `${b64({ ...header, alg: 'none' })}.${p0}.${s0}`,
      'HS256 keyed with the public key PEM': hs(String(publicPem)),
      'HS256 keyed with the JWK modulus': hs(String((jwks[0] as { n: string }).n)),
      'foreign key under our kid': rsaSigned(header, payload, foreign),
      'foreign key under its own kid': rsaSigned({ ...header, kid: 'jwk-test-00000000-0000-4000-8000-000000000000' }, payload, foreign),
      'edited subject': `${h0}.${b64({ ...payload, sub: 'user-test-00000000-0000-4000-8000-000000000000' })}.${s0}`,
      'edited expiry': `${h0}.${b64({ ...payload, exp: payload.exp + 86_400 })}.${s0}`,
      'signature of another JWT': `${h0}.${p0}.${otherLogin.session_jwt.split('.')[2]}`,
      "another project's valid JWT": otherLogin.session_jwt,
      'no signature': `${h0}.${p0}`,
      'truncated signature': `${h0}.${p0}.${s0.slice(0, -4)}`,
    };
    for (const [name, jwt] of Object.entries(forgeries)) {
      const e = await stytchError(client.sessions.authenticate({ session_jwt: jwt }));
      expect(e.status_code, name).toBeGreaterThanOrEqual(400);
      expect(e.status_code, name).toBeLessThan(500);
      expect(['session_not_found', 'unable_to_parse_session_jwt', 'jwt_invalid_audience', 'jwt_invalid_issuer', 'invalid_session_jwt'], name).toContain(e.error_type);
    }
    // The genuine JWT still works, so the refusals above are the forgeries' own.
    expect((await client.sessions.authenticate({ session_jwt: sessionJwt })).session.session_id).toBe(payload['https://stytch.com/session'].id);
  });
});

describe('revocation', () => {
  it('after a revoke returns, no authenticate with the token or the JWT succeeds', async () => {
    const login = await client.passwords.create({ email: uniqueEmail('revoke'), password: STRONG_PASSWORD, session_duration_minutes: 60 });
    await client.sessions.revoke({ session_token: login.session_token });
    const attempts = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => client.sessions.authenticate(i % 2 ? { session_token: login.session_token } : { session_jwt: login.session_jwt })),
    );
    expect(attempts.map((a) => (a.status === 'rejected' ? (a.reason as stytch.StytchError).error_type : 'session'))).toEqual(Array(20).fill('session_not_found'));
  });
});

describe('logs', () => {
  it('a full scenario logged at trace holds no token, secret, password or full JWT', async () => {
    await stytchError(client.passwords.authenticate({ email: uniqueEmail('nobody'), password: consumerPassword }));
    await client.sessions.authenticate({ session_token: sessionToken });
    await stytchError(client.sessions.authenticate({ session_jwt: `${sessionJwt}x` }));
    expect(logs.length).toBeGreaterThan(0);
    for (const [name, value] of secrets) expect(logs.includes(value), `${name} found in the logs`).toBe(false);
  });
});
