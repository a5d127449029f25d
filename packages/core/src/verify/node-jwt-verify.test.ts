/**
 * The node:crypto verifier against jose's `jwtVerify`, differentially: every token of a corpus (valid ones for
 * every algorithm, and headers, claims, signatures and structures tampered with one way at a time, plus a
 * seeded fuzz of single-character substitutions) goes through both with the same key resolver and options, and
 * the outcomes must agree, payloads included. The only tokens allowed to differ are the ones the module
 * documents: padded or whitespace-laden segments, which jose's `atob` tolerates and this verifier refuses.
 */
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KeySet, type KeyHeader } from './key-set.js';
import { JwtRejected, nodeJwtVerifier, type CompactJwtVerifier } from './node-jwt-verify.js';
import { nodeBuiltins } from './runtime.js';
import { joseJwtVerifier, SessionVerifier } from './session-verifier.js';

const PROJECT = 'project-test-11111111-1111-4111-8111-111111111111';
const ISSUER = `stytch.com/${PROJECT}`;
const NOW = 1_800_000_000;

const pair = (type: 'rsa' | 'ec' | 'ed25519', opts: Record<string, unknown> = {}) =>
  crypto.generateKeyPairSync(type as 'rsa', opts as { modulusLength: number });
const KEYS = {
  rsa: pair('rsa', { modulusLength: 2048 }),
  rsaSmall: pair('rsa', { modulusLength: 1024 }),
  ec256: pair('ec', { namedCurve: 'P-256' }),
  ec384: pair('ec', { namedCurve: 'P-384' }),
  ec521: pair('ec', { namedCurve: 'P-521' }),
  ed: pair('ed25519'),
};
type KeyName = keyof typeof KEYS;
const JWKS = {
  keys: Object.entries(KEYS).map(([kid, k]) => ({ ...(k.publicKey.export({ format: 'jwk' }) as object), kid, use: 'sig' })),
};

const ALGS: Record<string, { key: KeyName; sign: (input: Buffer) => Buffer }> = {};
const rsaSign = (bits: number, key: KeyName, pss: boolean) => (input: Buffer) =>
  crypto.sign(`sha${bits}`, input, pss ? { key: KEYS[key].privateKey, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: bits / 8 } : KEYS[key].privateKey);
for (const bits of [256, 384, 512]) {
  ALGS[`RS${bits}`] = { key: 'rsa', sign: rsaSign(bits, 'rsa', false) };
  ALGS[`PS${bits}`] = { key: 'rsa', sign: rsaSign(bits, 'rsa', true) };
}
for (const [bits, key] of [[256, 'ec256'], [384, 'ec384'], [512, 'ec521']] as const) {
  ALGS[`ES${bits}`] = { key, sign: (input) => crypto.sign(`sha${bits}`, input, { key: KEYS[key].privateKey, dsaEncoding: 'ieee-p1363' }) };
}
ALGS.EdDSA = { key: 'ed', sign: (input) => crypto.sign(null, input, KEYS.ed.privateKey) };
ALGS.Ed25519 = ALGS.EdDSA;

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64url');
const claims = (over: Record<string, unknown> = {}) => ({
  aud: [PROJECT],
  iss: ISSUER,
  sub: 'user-test-1',
  iat: NOW - 10,
  nbf: NOW - 10,
  exp: NOW + 290,
  'https://stytch.com/session': { id: 'session-test-1', started_at: '2027-01-15T08:00:00Z' },
  ...over,
});

/** A token over raw header and payload text, signed as `alg` (or `signAs`) by the key of that algorithm. */
function token(headerText: string, payloadText: string | Buffer, signAs: string): string {
  const input = `${b64(headerText)}.${b64(payloadText)}`;
  const signer = ALGS[signAs] ?? (signAs === 'RS256-small' ? { sign: rsaSign(256, 'rsaSmall', false) } : undefined);
  const signature = signer ? signer.sign(Buffer.from(input)) : Buffer.alloc(0);
  return `${input}.${b64(signature)}`;
}
const jwt = (alg: string, header: Record<string, unknown> = {}, payload: Record<string, unknown> = claims()) =>
  token(JSON.stringify({ alg, typ: 'JWT', kid: ALGS[alg]?.key ?? 'rsa', ...header }), JSON.stringify(payload), alg);

interface Case {
  name: string;
  jwt: string;
  tolerance?: number;
  /** Documented difference: jose (atob) accepts it, this verifier refuses it. */
  strict?: boolean;
}

function corpus(): Case[] {
  const cases: Case[] = [];
  const add = (name: string, t: string, extra: Partial<Case> = {}) => cases.push({ name, jwt: t, ...extra });
  for (const alg of Object.keys(ALGS)) {
    add(`${alg} valid`, jwt(alg));
    add(`${alg} wrong signature`, (() => {
      const t = jwt(alg);
      const sig = Buffer.from(t.split('.')[2]!, 'base64url');
      sig[sig.length >> 1]! ^= 1;
      return t.slice(0, t.lastIndexOf('.') + 1) + b64(sig);
    })());
    add(`${alg} payload swapped after signing`, (() => {
      const [h, , s] = jwt(alg).split('.');
      return `${h}.${b64(JSON.stringify(claims({ sub: 'user-test-2' })))}.${s}`;
    })());
    add(`${alg} truncated signature`, jwt(alg).slice(0, -4));
    add(`${alg} empty signature`, jwt(alg).replace(/\.[^.]*$/, '.'));
  }
  // Algorithms against the wrong key or none.
  add('RS256 header, kid of an EC key', token(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'ec256' }), JSON.stringify(claims()), 'RS256'));
  add('ES256 header, kid of the P-384 key', token(JSON.stringify({ alg: 'ES256', typ: 'JWT', kid: 'ec384' }), JSON.stringify(claims()), 'ES384'));
  add('RS256 with a 1024-bit key', token(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'rsaSmall' }), JSON.stringify(claims()), 'RS256-small'));
  add('alg none', token(JSON.stringify({ alg: 'none', typ: 'JWT', kid: 'rsa' }), JSON.stringify(claims()), 'none'));
  add('alg HS256 keyed with the public JWK', (() => {
    const input = `${b64(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'rsa' }))}.${b64(JSON.stringify(claims()))}`;
    const secret = Buffer.from(JSON.stringify(JWKS.keys[0]));
    return `${input}.${b64(crypto.createHmac('sha256', secret).update(input).digest())}`;
  })());
  for (const alg of ['', 'XX256', 7, null]) add(`alg ${JSON.stringify(alg)}`, jwt('RS256', { alg }));
  add('alg missing', token(JSON.stringify({ typ: 'JWT', kid: 'rsa' }), JSON.stringify(claims()), 'RS256'));
  add('kid unknown', jwt('RS256', { kid: 'nope' }));
  add('kid missing (two RSA keys match)', token(JSON.stringify({ alg: 'RS256', typ: 'JWT' }), JSON.stringify(claims()), 'RS256'));
  add('kid missing (one P-256 key)', token(JSON.stringify({ alg: 'ES256', typ: 'JWT' }), JSON.stringify(claims()), 'ES256'));
  add('kid a number', jwt('RS256', { kid: 5 }));
  // typ
  for (const typ of ['jwt', 'application/jwt', 'APPLICATION/JWT', 'at+jwt', 'JOSE', 'application/jose', '', 5, null]) add(`typ ${JSON.stringify(typ)}`, jwt('RS256', { typ }));
  add('typ missing', token(JSON.stringify({ alg: 'RS256', kid: 'rsa' }), JSON.stringify(claims()), 'RS256'));
  // crit and b64
  const critCases: [string, Record<string, unknown>][] = [
    ['crit [b64], b64 true', { crit: ['b64'], b64: true }],
    ['crit [b64], b64 false', { crit: ['b64'], b64: false }],
    ['crit [b64], b64 "true"', { crit: ['b64'], b64: 'true' }],
    ['crit [b64], no b64', { crit: ['b64'] }],
    ['crit [b64, b64], b64 true', { crit: ['b64', 'b64'], b64: true }],
    ['crit [exp]', { crit: ['exp'], exp: 1 }],
    ['crit [exp], b64 true', { crit: ['exp'], exp: 1, b64: true }],
    ['crit [b64, exp], b64 true', { crit: ['b64', 'exp'], exp: 1, b64: true }],
    ['crit []', { crit: [] }],
    ['crit [""]', { crit: [''] }],
    ['crit "b64"', { crit: 'b64', b64: true }],
    ['crit null', { crit: null }],
    ['b64 false without crit', { b64: false }],
  ];
  for (const [name, h] of critCases) add(name, jwt('RS256', h));
  // Headers that are not JSON objects.
  for (const [name, text] of [['array', '[]'], ['string', '"x"'], ['null', 'null'], ['broken JSON', '{"alg":"RS256"'], ['empty', '']] as const) {
    add(`header ${name}`, token(text, JSON.stringify(claims()), 'RS256'));
  }
  add('header invalid UTF-8', `${b64(Buffer.from([0x7b, 0xff, 0x7d]))}.${b64(JSON.stringify(claims()))}.${b64('x')}`);
  // Claims
  const claimCases: [string, Record<string, unknown>, number?][] = [
    ['aud string', { aud: PROJECT }],
    ['aud another project', { aud: ['project-test-other'] }],
    ['aud with this project second', { aud: ['project-test-other', PROJECT] }],
    ['aud a number', { aud: 5 }],
    ['aud [number]', { aud: [5] }],
    ['aud missing', { aud: undefined }],
    ['iss another', { iss: 'stytch.com/project-test-other' }],
    ['iss the base URL', { iss: 'http://127.0.0.1:4000' }],
    ['iss missing', { iss: undefined }],
    ['iss a number', { iss: 5 }],
    ['exp now', { exp: NOW }],
    ['exp now + 1', { exp: NOW + 1 }],
    ['exp now - 1', { exp: NOW - 1 }],
    ['exp now - 1, tolerance 5', { exp: NOW - 1 }, 5],
    ['exp now - 5, tolerance 5', { exp: NOW - 5 }, 5],
    ['exp a string', { exp: String(NOW + 300) }],
    ['exp null', { exp: null }],
    ['exp missing', { exp: undefined }],
    ['exp fractional', { exp: NOW + 0.5 }],
    ['nbf now', { nbf: NOW }],
    ['nbf now + 1', { nbf: NOW + 1 }],
    ['nbf now + 5, tolerance 5', { nbf: NOW + 5 }, 5],
    ['nbf now + 6, tolerance 5', { nbf: NOW + 6 }, 5],
    ['nbf a string', { nbf: 'soon' }],
    ['iat a string', { iat: 'then' }],
    ['iat null', { iat: null }],
    ['iat missing', { iat: undefined }],
    ['iat in the future', { iat: NOW + 1000 }],
    ['no session claim', { 'https://stytch.com/session': undefined }],
    ['a __proto__ claim', JSON.parse('{"__proto__": {"polluted": true}}')],
  ];
  for (const [name, over, tolerance] of claimCases) add(name, jwt('RS256', {}, claims(over)), tolerance === undefined ? {} : { tolerance });
  for (const [name, text] of [
    ['array', '[]'],
    ['string', '"claims"'],
    ['null', 'null'],
    ['empty object', '{}'],
    ['broken JSON', '{"aud":'],
    ['JSON with a BOM', `\uFEFF${JSON.stringify(claims())}`],
  ] as const) {
    add(`payload ${name}`, token(JSON.stringify({ alg: 'ES256', typ: 'JWT', kid: 'ec256' }), text, 'ES256'));
  }
  add('payload invalid UTF-8', token(JSON.stringify({ alg: 'ES256', typ: 'JWT', kid: 'ec256' }), Buffer.concat([Buffer.from('{"aud":"'), Buffer.from([0xff]), Buffer.from('"}')]), 'ES256'));
  // Structure and encoding
  const valid = jwt('RS256');
  const [h, p, s] = valid.split('.') as [string, string, string];
  add('two segments', `${h}.${p}`);
  add('four segments', `${valid}.`);
  add('empty', '');
  add('dots only', '..');
  add('signature with an extra character', `${valid}A`);
  add('signature with a "+"', `${h}.${p}.${s.slice(0, -1)}+`);
  add('signature padded', `${valid}==`, { strict: true });
  add('signature with a space inside', `${h}.${p}.${s.slice(0, 10)} ${s.slice(10)}`, { strict: true });
  add('signature with a newline at the end', `${valid}\n`, { strict: true });
  const padded = Buffer.from(JSON.stringify({ alg: 'ES256', typ: 'JWT', kid: 'ec256', x: 'ab' })).toString('base64');
  if (padded.endsWith('=')) {
    const input = `${padded.replace(/\+/g, '-').replace(/\//g, '_')}.${b64(JSON.stringify(claims()))}`;
    add('header padded (signed as such)', `${input}.${b64(ALGS.ES256!.sign(Buffer.from(input)))}`, { strict: true });
  }
  return cases;
}

/** Single-character substitutions from the base64url alphabet and ".", at seeded positions of valid tokens. */
function fuzz(count: number): Case[] {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
  let seed = 0x2545f491;
  const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const bases = Object.keys(ALGS).map((alg) => jwt(alg));
  return Array.from({ length: count }, (_, i) => {
    const base = bases[i % bases.length]!;
    const at = Math.floor(random() * base.length);
    const t = base.slice(0, at) + alphabet[Math.floor(random() * alphabet.length)] + base.slice(at + 1);
    return { name: `fuzz ${i} at ${at}`, jwt: t };
  });
}

async function outcome(verify: CompactJwtVerifier, c: Case) {
  const keys = new KeySet(JWKS);
  const getKey = (header: KeyHeader) => {
    const key = keys.resolve(header);
    if (key === undefined) throw new Error('no matching key');
    return key;
  };
  const options = Object.freeze({ audience: PROJECT, issuer: [ISSUER, 'http://127.0.0.1:4000'], typ: 'JWT', clockTolerance: c.tolerance ?? 0, currentDate: new Date(NOW * 1000) });
  try {
    return { accepted: true as const, payload: await verify(c.jwt, getKey, options) };
  } catch (error) {
    return { accepted: false as const, error };
  }
}

const node = nodeBuiltins();

describe('node:crypto JWT verifier', () => {
  it('is what SessionVerifier uses in Node', () => {
    expect(node).toBeDefined();
  });

  const verifier = nodeJwtVerifier(node!);

  it('agrees with jose on every token of the corpus', async () => {
    const cases = corpus();
    let accepted = 0;
    const disagreements: string[] = [];
    for (const c of cases) {
      const [ours, jose] = await Promise.all([outcome(verifier, c), outcome(joseJwtVerifier, c)]);
      if (c.strict) {
        if (!jose.accepted || ours.accepted) disagreements.push(`${c.name}: expected jose to accept and us to refuse`);
        continue;
      }
      if (ours.accepted !== jose.accepted) {
        disagreements.push(`${c.name}: ours ${ours.accepted ? 'accepted' : `refused (${String(ours.error)})`}, jose ${jose.accepted ? 'accepted' : `refused (${String(jose.error)})`}`);
      } else if (ours.accepted && jose.accepted) {
        accepted++;
        expect(ours.payload, c.name).toEqual(jose.payload);
      }
    }
    expect(disagreements).toEqual([]);
    // The corpus must exercise acceptance too: every algorithm's valid token and the tolerated variants.
    expect(accepted).toBeGreaterThanOrEqual(Object.keys(ALGS).length + 10);
  });

  it('agrees with jose on 3,000 single-character substitutions', async () => {
    const disagreements: string[] = [];
    let accepted = 0;
    for (const c of fuzz(3000)) {
      const [ours, jose] = await Promise.all([outcome(verifier, c), outcome(joseJwtVerifier, c)]);
      if (ours.accepted !== jose.accepted) disagreements.push(`${c.name}: ${c.jwt}`);
      if (ours.accepted) accepted++;
    }
    expect(disagreements).toEqual([]);
    expect(accepted).toBeGreaterThan(0); // a substitution in the signature's last character's unused bits, or in a JSON-insignificant place, is still valid
  });

  it('refuses options it does not implement instead of ignoring them', async () => {
    const getKey = () => Promise.reject(new Error('unreachable'));
    await expect(verifier(jwt('RS256'), getKey, { algorithms: ['RS256'] })).rejects.toThrow(/algorithms/);
    await expect(verifier(jwt('RS256'), getKey, { maxTokenAge: 60 })).rejects.toThrow(/maxTokenAge/);
    await expect(verifier(jwt('RS256'), getKey, { requiredClaims: ['sub'] })).rejects.toThrow(/requiredClaims/);
  });

  it('refuses a key resolver that hands it something other than a public CryptoKey', async () => {
    const keyObject = KEYS.rsa.publicKey as unknown as CryptoKey;
    await expect(verifier(jwt('RS256'), () => keyObject, { audience: PROJECT })).rejects.toThrow(TypeError);
    const privateKey = await crypto.subtle.importKey('jwk', KEYS.ec256.privateKey.export({ format: 'jwk' }), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
    await expect(verifier(jwt('ES256'), () => privateKey, { audience: PROJECT })).rejects.toThrow(TypeError);
  });

  it('is the default verifier of SessionVerifier in Node, and an explicit one replaces it', async () => {
    const jwksFetch = (async () => new Response(JSON.stringify(JWKS), { status: 200 })) as typeof fetch;
    const base = { projectId: PROJECT, baseUrl: 'http://127.0.0.1:4000', fetch: jwksFetch, now: () => NOW * 1000 };
    const seen: string[] = [];
    const spy: CompactJwtVerifier = (t, getKey, options) => (seen.push(t), joseJwtVerifier(t, getKey, options));
    const t = jwt('ES256');
    await expect(new SessionVerifier(base).verify(t)).resolves.toMatchObject({ sub: 'user-test-1' });
    await expect(new SessionVerifier({ ...base, jwtVerifier: spy }).verify(t)).resolves.toMatchObject({ sub: 'user-test-1' });
    expect(seen).toEqual([t]);
    // A rejection comes out as the official SDK's ClientError, whichever verifier refused.
    await expect(new SessionVerifier(base).verify(jwt('ES256', {}, claims({ exp: NOW })))).rejects.toMatchObject({ code: 'jwt_invalid', cause: expect.any(JwtRejected) });
  });
});
