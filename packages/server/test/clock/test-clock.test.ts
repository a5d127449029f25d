/**
 * The per-project test clock (issue #16) through the HTTP API and the official `stytch` client, on a real
 * server: session expiry, JWT times, lockout expiry and key rotation follow a test project's advanced time;
 * live projects refuse it; bad durations are 400s that change nothing.
 *
 * The official client checks JWTs locally against the machine's real clock, so expiry is checked through
 * the API (`sessions.authenticate({ session_token })`). A JWT minted on an advanced clock has `nbf = iat` in
 * the (real) future: `authenticateJwtLocal` refuses it, and `authenticateJwt` falls back to the API, which
 * accepts it (see the JWT test).
 */
import * as stytch from 'stytch';
import { describe, expect, it } from 'vitest';
import { officialClient, RFC3339, STRONG_PASSWORD, decodeJwtHeader, decodeJwtPayload, stytchError, uniqueEmail, useServer } from '../compat/helpers.js';
import { advance, clockCall } from './helpers.js';

const t = useServer();
const offsetOf = async () => (await clockCall(t.srv.url, t.srv.project, 'GET', '')).body.offset_ms as number;

describe('test clock: HTTP routes', () => {
  it('GET shows the offset and project time; advance adds up ("90s", "10m", "2h", "7d", { seconds }); reset returns to real time', async () => {
    await clockCall(t.srv.url, t.srv.project, 'POST', '/reset');
    const shown = await clockCall(t.srv.url, t.srv.project, 'GET', '');
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ offset_ms: 0, status_code: 200 });
    expect(shown.body.request_id).toMatch(/^request-id-test-/);
    expect(shown.body.now).toMatch(RFC3339);
    expect(Math.abs(Date.parse(shown.body.now as string) - Date.now())).toBeLessThan(5_000);

    expect(await advance(t.srv.url, t.srv.project, '90s')).toBe(90_000);
    expect(await advance(t.srv.url, t.srv.project, '10m')).toBe(90_000 + 600_000);
    expect(await advance(t.srv.url, t.srv.project, '2h')).toBe(690_000 + 7_200_000);
    expect(await advance(t.srv.url, t.srv.project, '7d')).toBe(7_890_000 + 604_800_000);
    expect(await advance(t.srv.url, t.srv.project, { seconds: 10 })).toBe(612_700_000);
    // `seconds` at the top level works too; unknown fields are ignored
    const top = await clockCall(t.srv.url, t.srv.project, 'POST', '/advance', { seconds: 300, color: 'blue' });
    expect(top.status).toBe(200);
    expect(top.body.offset_ms).toBe(613_000_000);
    expect(Date.parse(top.body.now as string) - Date.now()).toBeGreaterThan(613_000_000 - 5_000);
    expect(await offsetOf()).toBe(613_000_000);

    const reset = await clockCall(t.srv.url, t.srv.project, 'POST', '/reset');
    expect(reset.status).toBe(200);
    expect(reset.body.offset_ms).toBe(0);
    expect(Math.abs(Date.parse(reset.body.now as string) - Date.now())).toBeLessThan(5_000);
    expect(await offsetOf()).toBe(0);
  });

  it('a bad duration is 400 invalid_argument and changes nothing', async () => {
    const before = await offsetOf();
    const bad: unknown[] = [
      { duration: '10' },
      { duration: '10x' },
      { duration: '0s' },
      { duration: '-5m' },
      { duration: '1.5h' },
      { duration: '401d' },
      { duration: '' },
      { duration: 600 },
      { duration: { seconds: 0 } },
      { duration: { seconds: -60 } },
      { duration: { seconds: 1.5 } },
      { duration: { seconds: '600' } },
      { duration: { minutes: 10 } },
      { seconds: 400 * 86_400 + 1 },
      { duration: '10m', seconds: 600 },
      {},
    ];
    for (const body of bad) {
      const r = await clockCall(t.srv.url, t.srv.project, 'POST', '/advance', body);
      expect([r.status, r.body.error_type], JSON.stringify(body)).toEqual([400, 'invalid_argument']);
      expect(typeof r.body.error_message).toBe('string');
    }
    const notJson = await fetch(`${t.srv.url}/v1/test/clock/advance`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${t.srv.project.project_id}:${t.srv.project.secret}`).toString('base64')}`, 'content-type': 'application/json' },
      body: '[1]',
    });
    expect(notJson.status).toBe(400);
    expect(await offsetOf()).toBe(before);
    // the largest single step is accepted
    expect(await advance(t.srv.url, t.srv.project, '400d')).toBe(before + 400 * 86_400_000);
    await clockCall(t.srv.url, t.srv.project, 'POST', '/reset');
  });

  it('a live project is refused with 403 test_clock_not_allowed, whatever it asks; bad credentials are 401', async () => {
    const live = await t.srv.createProject({ live: true });
    for (const [method, path, body] of [
      ['GET', '', undefined],
      ['POST', '/advance', { duration: '10m' }],
      ['POST', '/advance', { duration: 'nonsense' }],
      ['POST', '/reset', undefined],
    ] as const) {
      const r = await clockCall(t.srv.url, live, method, path, body);
      expect([r.status, r.body.error_type, r.body.error_message]).toEqual([403, 'test_clock_not_allowed', 'The test clock is only available on test projects.']);
      expect(r.body.request_id).toMatch(/^request-id-live-/);
    }
    // its sessions keep running on real time
    const client = officialClient(t.srv, live);
    const s = await client.passwords.create({ email: uniqueEmail('live'), password: STRONG_PASSWORD, session_duration_minutes: 30 });
    expect(Math.abs(Date.parse(s.session!.started_at!) - Date.now())).toBeLessThan(5_000);
    const wrong = await clockCall(t.srv.url, { project_id: t.srv.project.project_id, secret: 'secret-test-wrong' }, 'POST', '/advance', { duration: '10m' });
    expect([wrong.status, wrong.body.error_type]).toEqual([401, 'unauthorized_credentials']);
  });
});

describe('test clock: what runs on project time', () => {
  it('a 30-minute session authenticates, and 31 minutes later is session_not_found', async () => {
    const created = await t.client.passwords.create({ email: uniqueEmail('expiry'), password: STRONG_PASSWORD, session_duration_minutes: 30 });
    const session_token = created.session_token;
    expect((await t.client.sessions.authenticate({ session_token })).session.session_id).toBe(created.session!.session_id);
    await advance(t.srv.url, t.srv.project, '29m');
    expect((await t.client.sessions.authenticate({ session_token })).session.session_id).toBe(created.session!.session_id);
    await advance(t.srv.url, t.srv.project, '2m');
    const e = await stytchError(t.client.sessions.authenticate({ session_token }));
    expect([e.status_code, e.error_type]).toEqual([404, 'session_not_found']);
    await clockCall(t.srv.url, t.srv.project, 'POST', '/reset');
  });

  it('a JWT minted after advancing carries iat/exp in project time; authenticateJwt falls back to the API for it', async () => {
    const offset = await advance(t.srv.url, t.srv.project, '2h');
    const before = Date.now() + offset;
    const res = await t.client.passwords.create({ email: uniqueEmail('jwt'), password: STRONG_PASSWORD, session_duration_minutes: 600 });
    const after = Date.now() + offset;
    const claims = decodeJwtPayload(res.session_jwt);
    const iat = claims.iat as number;
    expect(iat).toBeGreaterThanOrEqual(Math.floor(before / 1000) - 1);
    expect(iat).toBeLessThanOrEqual(Math.ceil(after / 1000));
    expect(claims.nbf).toBe(iat);
    expect(claims.exp).toBe(iat + 300);
    const sessionClaim = claims['https://stytch.com/session'] as { started_at: string; expires_at: string };
    expect(Date.parse(sessionClaim.started_at)).toBe(iat * 1000);
    expect(Date.parse(sessionClaim.expires_at)).toBe(iat * 1000 + 600 * 60_000);
    expect(Date.parse(res.session!.started_at!)).toBe(iat * 1000);

    // Locally, against the real clock, the JWT is not valid yet (nbf two hours ahead): the official client
    // refuses it locally, and authenticateJwt falls back to the API, which runs on project time.
    const local = await t.client.sessions.authenticateJwtLocal({ session_jwt: res.session_jwt }).then(
      () => null,
      (err: unknown) => err as { code?: string; message?: string },
    );
    expect(local?.code).toBe('jwt_invalid');
    expect(local?.message).toMatch(/nbf/);
    const viaApi = await t.client.sessions.authenticateJwt({ session_jwt: res.session_jwt });
    expect(viaApi.session.session_id).toBe(res.session!.session_id);
    expect('status_code' in viaApi && viaApi.status_code).toBe(200); // the API's answer, not a local one
    const jwt2 = decodeJwtPayload(viaApi.session_jwt);
    expect(jwt2.iat as number).toBeGreaterThanOrEqual(iat);
    expect((jwt2.iat as number) * 1000).toBeGreaterThan(Date.now() + offset - 10_000);

    // The JWT expires on project time: 6 minutes on, the API still maps it to the live session and answers
    // with a fresh one (Stytch accepts an expired but well-signed JWT of a live session).
    await advance(t.srv.url, t.srv.project, '6m');
    const renewed = await t.client.sessions.authenticate({ session_jwt: res.session_jwt });
    expect(decodeJwtPayload(renewed.session_jwt).iat as number).toBeGreaterThanOrEqual(iat + 360);
    await clockCall(t.srv.url, t.srv.project, 'POST', '/reset');
  });

  it('10 wrong passwords lock the user (user_lock_limit_reached); 61 minutes later the right password works', { timeout: 60_000 }, async () => {
    const email = uniqueEmail('lock');
    const { user_id } = await t.client.passwords.create({ email, password: STRONG_PASSWORD });
    let last: stytch.StytchError | undefined;
    for (let i = 1; i <= 10; i++) last = await stytchError(t.client.passwords.authenticate({ email, password: `wrong-password-${i}-${i}` }));
    expect([last!.status_code, last!.error_type]).toEqual([401, 'user_lock_limit_reached']);
    expect((await stytchError(t.client.passwords.authenticate({ email, password: STRONG_PASSWORD }))).error_type).toBe('user_lock_limit_reached');
    const locked = await t.client.users.get({ user_id });
    expect(locked.is_locked).toBe(true);
    await advance(t.srv.url, t.srv.project, '61m');
    expect((await t.client.users.get({ user_id })).is_locked).toBe(false);
    const ok = await t.client.passwords.authenticate({ email, password: STRONG_PASSWORD, session_duration_minutes: 30 });
    expect(ok.user_id).toBe(user_id);
    await clockCall(t.srv.url, t.srv.project, 'POST', '/reset');
  });

  it('keys rotate, then advancing past the activation delay makes the new kid sign; the old kid leaves JWKS once its JWTs expired', async () => {
    const jwks = async () => ((await (await fetch(`${t.srv.url}/v1/sessions/jwks/${t.srv.project.project_id}`)).json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid);
    const kidOfNewJwt = async () => {
      const r = await t.client.passwords.create({ email: uniqueEmail('kid'), password: STRONG_PASSWORD, session_duration_minutes: 60 });
      return decodeJwtHeader(r.session_jwt).kid as string;
    };
    const oldKid = await kidOfNewJwt();
    const { kid: newKid, activates_at } = await t.srv.rotateKeys(); // the default 60 s activation delay
    expect(activates_at).toBeGreaterThan(Date.now() + 50_000);
    expect(await jwks()).toEqual([oldKid, newKid]);
    expect(await kidOfNewJwt()).toBe(oldKid); // still pending
    await advance(t.srv.url, t.srv.project, '61s');
    expect(await kidOfNewJwt()).toBe(newKid);
    expect(await jwks()).toEqual([oldKid, newKid]); // JWTs the old key signed are still valid
    await advance(t.srv.url, t.srv.project, '7m'); // past 5 minutes + the retirement leeway
    expect(await jwks()).toEqual([newKid]);
    // and the official client verifies a JWT of the new key through the JWKS it fetches
    const r = await t.client.passwords.create({ email: uniqueEmail('kid2'), password: STRONG_PASSWORD, session_duration_minutes: 60 });
    expect(decodeJwtHeader(r.session_jwt).kid).toBe(newKid);
    expect((await t.client.sessions.authenticateJwt({ session_jwt: r.session_jwt })).session.session_id).toBe(r.session!.session_id);
    // Reset: back on real time the new key is pending again and the old one signs, at once (the key ring
    // cached on the advanced time is dropped when the time goes back).
    await clockCall(t.srv.url, t.srv.project, 'POST', '/reset');
    expect(await jwks()).toEqual([oldKid, newKid]);
    expect(await kidOfNewJwt()).toBe(oldKid);
  });

  it('a test project\'s clock leaves another test project alone', async () => {
    const other = await t.srv.createProject();
    await advance(t.srv.url, t.srv.project, '3h');
    const shown = await clockCall(t.srv.url, other, 'GET', '');
    expect(shown.body.offset_ms).toBe(0);
    const s = await officialClient(t.srv, other).passwords.create({ email: uniqueEmail('other'), password: STRONG_PASSWORD, session_duration_minutes: 30 });
    expect(Math.abs(Date.parse(s.session!.started_at!) - Date.now())).toBeLessThan(5_000);
    await clockCall(t.srv.url, t.srv.project, 'POST', '/reset');
  });
});
