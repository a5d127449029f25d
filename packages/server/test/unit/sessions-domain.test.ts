import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestRuntime, type TestRuntime } from '@tessera/test-utils';
import { authenticateSession } from '../../src/domain/sessions/authenticate-session.js';
import { revokeSession } from '../../src/domain/sessions/revoke-session.js';
import { listSessions } from '../../src/domain/sessions/list-sessions.js';
import { newFactor } from '../../src/domain/sessions/session-view.js';
import { startSession } from '../../src/domain/sessions/start-session.js';
import { createUser } from '../../src/domain/users/create-user.js';
import { ApiError } from '../../src/domain/errors.js';

const MIN = 60_000;

describe('session lifecycle with an injected clock', () => {
  let t: TestRuntime;
  beforeEach(async () => (t = await openTestRuntime()));
  afterEach(() => t.close());

  async function session(minutes: number) {
    const user = await createUser(t.ctx, { email: `u${Math.random()}@example.com` });
    return startSession(t.ctx, user, newFactor('password', 'knowledge', t.clock.now()), { session_duration_minutes: minutes });
  }
  const fails = async (p: Promise<unknown>) => {
    const err = await p.then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    return (err as ApiError).type;
  };

  it('expires exactly at started_at + duration', async () => {
    const s = await session(30);
    t.clock.advance(30 * MIN - 1);
    await authenticateSession(t.ctx, { session_token: s.session_token });
    t.clock.advance(1);
    expect(await fails(authenticateSession(t.ctx, { session_token: s.session_token }))).toBe('session_not_found');
  });

  it('extension moves the expiry to now + duration; authenticating without one does not', async () => {
    const s = await session(30);
    t.clock.advance(20 * MIN);
    const a = await authenticateSession(t.ctx, { session_token: s.session_token });
    expect(a.record.expires_at).toBe(s.record.expires_at);
    expect(a.record.last_accessed_at).toBe(t.clock.now());
    const b = await authenticateSession(t.ctx, { session_token: s.session_token, session_duration_minutes: 60 });
    expect(b.record.expires_at).toBe(t.clock.now() + 60 * MIN);
    t.clock.advance(50 * MIN);
    await authenticateSession(t.ctx, { session_token: s.session_token });
  });

  it('an expired session cannot be extended', async () => {
    const s = await session(5);
    t.clock.advance(6 * MIN);
    expect(await fails(authenticateSession(t.ctx, { session_token: s.session_token, session_duration_minutes: 60 }))).toBe('session_not_found');
  });

  it('revocation is immediate for the token and for JWT-based authenticate, and lists drop it', async () => {
    const s = await session(60);
    await revokeSession(t.ctx, { session_jwt: s.session_jwt });
    expect(await fails(authenticateSession(t.ctx, { session_token: s.session_token }))).toBe('session_not_found');
    expect(await fails(authenticateSession(t.ctx, { session_jwt: s.session_jwt }))).toBe('session_not_found');
    expect(await listSessions(t.ctx, s.user.user_id)).toEqual([]);
    expect(await fails(revokeSession(t.ctx, { session_id: s.record.session_id }))).toBe('session_not_found');
  });

  it('the token is re-derived identically for JWT-based authenticate, and never stored', async () => {
    const s = await session(60);
    t.clock.advance(MIN);
    const a = await authenticateSession(t.ctx, { session_jwt: s.session_jwt });
    expect(a.session_token).toBe(s.session_token);
    const row = await t.runtime.deps.stores.sessions.getLive(t.ctx.project.project_id, { sessionId: s.record.session_id }, t.clock.now());
    expect(JSON.stringify(row)).not.toContain(s.session_token);
  });

  it('claims merge atomically: a refused update leaves the session untouched', async () => {
    const s = await session(60);
    await authenticateSession(t.ctx, { session_token: s.session_token, session_custom_claims: { a: 1 } });
    t.clock.advance(MIN);
    expect(await fails(authenticateSession(t.ctx, { session_token: s.session_token, session_custom_claims: { b: 'x'.repeat(5000) } }))).toBe('custom_claims_too_large');
    const row = await t.runtime.deps.stores.sessions.getLive(t.ctx.project.project_id, { sessionId: s.record.session_id }, t.clock.now());
    expect(row?.custom_claims).toEqual({ a: 1 });
    expect(row?.last_accessed_at).toBe(t.clock.now() - MIN);
  });
});
