import { describe, expect, it } from 'vitest';
import { SESSION_CLAIM, type SessionJwtPayload } from '../jwt/claims.js';
import { isoMs, sessionFromClaims } from './session-from-claims.js';

/** What the official SDK computes. */
const official = (expiresAt: string | undefined, exp: number) => new Date(expiresAt || exp * 1000).toISOString();

describe('isoMs', () => {
  it('matches new Date(...).toISOString() on canonical, fractional, offset and rolled-over inputs', () => {
    const inputs = [
      '2025-11-12T14:35:49Z',
      '2024-02-29T23:59:59Z',
      '2000-02-29T00:00:00Z',
      '0000-01-01T00:00:00Z',
      '9999-12-31T23:59:59Z',
      '2021-08-28T00:41:58.935673Z',
      '2021-08-28T00:41:58.935673870Z',
      '2025-11-12T14:35:49+02:00',
      '2026-02-30T00:00:00Z', // Date rolls it over to March 2
      '2023-02-29T00:00:00Z',
      '1900-02-29T00:00:00Z',
      '2025-11-12 14:35:49Z',
    ];
    for (const s of inputs) expect(isoMs(s, 1)).toBe(official(s, 1));
    for (let i = 0; i < 2_000; i++) {
      const ms = Math.floor(Math.random() * 253402300799) * 1000; // whole seconds in 1970..9999
      const s = new Date(ms).toISOString().replace('.000Z', 'Z');
      expect(isoMs(s, 0)).toBe(official(s, 0));
    }
  });

  it('falls back to exp, then to the epoch, like the official SDK', () => {
    expect(isoMs(undefined, 1_762_944_049)).toBe(official(undefined, 1_762_944_049));
    expect(isoMs('', 1_762_944_049)).toBe(official('', 1_762_944_049));
    expect(isoMs(undefined, undefined)).toBe('1970-01-01T00:00:00.000Z');
  });

  it('throws on an unparsable date, as the official SDK does', () => {
    expect(() => isoMs('yesterday', 1)).toThrow(RangeError);
  });
});

describe('sessionFromClaims', () => {
  const payload = {
    aud: ['project-test-1'],
    exp: 1_762_944_049,
    iat: 1_762_943_749,
    nbf: 1_762_943_749,
    iss: 'stytch.com/project-test-1',
    sub: 'user-test-1',
    jti: 'j',
    plan: 'pro',
    nested: { a: [1] },
    [SESSION_CLAIM]: {
      id: 'session-test-1',
      started_at: '2025-11-12T10:35:49Z',
      last_accessed_at: '2025-11-12T10:35:49Z',
      expires_at: '2025-11-12T14:35:49Z',
      attributes: { ip_address: '', user_agent: '' },
      authentication_factors: [{ type: 'password', delivery_method: 'knowledge', last_authenticated_at: '2025-11-12T10:35:49Z' }],
      roles: ['stytch_user'],
    },
  } as unknown as SessionJwtPayload;

  it('builds the session the official SDK builds from a B2C token', () => {
    expect(sessionFromClaims(payload)).toEqual({
      session_id: 'session-test-1',
      attributes: { ip_address: '', user_agent: '' },
      authentication_factors: [{ type: 'password', delivery_method: 'knowledge', last_authenticated_at: '2025-11-12T10:35:49Z' }],
      user_id: payload.sub,
      started_at: '2025-11-12T10:35:49Z',
      last_accessed_at: '2025-11-12T10:35:49Z',
      expires_at: '2025-11-12T14:35:49.000Z',
      custom_claims: { plan: 'pro', nested: { a: [1] } },
      roles: ['stytch_user'],
    });
    expect(sessionFromClaims(payload).custom_claims).toEqual({ plan: 'pro', nested: { a: [1] } });
  });
});
