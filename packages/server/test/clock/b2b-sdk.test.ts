/**
 * The test clock (issue #16) beyond consumer backend routes: B2B member sessions (official B2BClient) and the
 * frontend API (/sdk/v1) run on the project's advanced time too.
 */
import * as stytch from 'stytch';
import { describe, expect, it } from 'vitest';
import { decodeJwtPayload, loggedIn, stytchError } from '../b2b/helpers.js';
import { sdkCall, signUp, useSdkServer } from '../sdk/helpers.js';
import { advance, clockCall } from './helpers.js';

const t = useSdkServer();

describe('test clock: B2B and the frontend API', () => {
  it('a 30-minute member session is session_not_found 31 minutes on; member JWTs carry project time', async () => {
    const { login } = await loggedIn(t.b2b, { minutes: 30 });
    const session_token = login.session_token;
    expect((await t.b2b.sessions.authenticate({ session_token })).member_session.member_session_id).toBe(login.member_session!.member_session_id);
    const offset = await advance(t.srv.url, t.srv.project, '29m');
    const fresh = await t.b2b.sessions.authenticate({ session_token });
    const iat = decodeJwtPayload(fresh.session_jwt).iat as number;
    expect(Math.abs(iat * 1000 - (Date.now() + offset))).toBeLessThan(5_000);
    await advance(t.srv.url, t.srv.project, '2m');
    const e = await stytchError(t.b2b.sessions.authenticate({ session_token }));
    expect([e.status_code, e.error_type]).toEqual([404, 'session_not_found']);
    await clockCall(t.srv.url, t.srv.project, 'POST', '/reset');
  });

  it('/sdk/v1: a 60-minute session authenticates, and is session_not_found 61 minutes on', async () => {
    const { token } = await signUp(t.srv);
    expect((await sdkCall(t.srv, '/sdk/v1/sessions/authenticate', { body: {}, sessionToken: token })).status).toBe(200);
    await advance(t.srv.url, t.srv.project, '61m');
    const r = await sdkCall(t.srv, '/sdk/v1/sessions/authenticate', { body: {}, sessionToken: token });
    expect([r.status, r.body.error_type]).toEqual([404, 'session_not_found']);
    await clockCall(t.srv.url, t.srv.project, 'POST', '/reset');
  });

  it('the B2B client sees a live project refused the same way', async () => {
    const live = await t.srv.createProject({ live: true });
    const r = await clockCall(t.srv.url, live, 'POST', '/advance', { duration: '1h' });
    expect([r.status, r.body.error_type]).toEqual([403, 'test_clock_not_allowed']);
    // and its member sessions are on real time
    const b2b = new stytch.B2BClient({ project_id: live.project_id, secret: live.secret, env: `${t.srv.url}/` });
    const { login } = await loggedIn(b2b, { minutes: 30 });
    expect(Math.abs(Date.parse(login.member_session!.started_at!) - Date.now())).toBeLessThan(5_000);
  });
});
