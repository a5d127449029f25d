import { describe, expect, it } from 'vitest';
import { buildSessionJwtPayload, SESSION_CLAIM, type SessionClaim } from './claims.js';

const claim: SessionClaim = {
  id: 'session-test-1',
  started_at: '2026-01-01T00:00:00Z',
  last_accessed_at: '2026-01-01T00:00:00Z',
  expires_at: '2026-01-01T01:00:00Z',
  attributes: { ip_address: '', user_agent: '' },
  authentication_factors: [],
  roles: ['stytch_user'],
};
const base = { projectId: 'project-test-1', subject: 'user-test-1', nowSeconds: 1_800_000_000, claim };
const REGISTERED = ['aud', 'exp', 'iat', 'iss', 'nbf', 'sub', SESSION_CLAIM];

describe('buildSessionJwtPayload()', () => {
  it("lays out Stytch's registered claims, the same with no custom claims as with an empty set", () => {
    const expected = { aud: ['project-test-1'], exp: 1_800_000_300, iat: 1_800_000_000, iss: 'stytch.com/project-test-1', nbf: 1_800_000_000, sub: 'user-test-1', [SESSION_CLAIM]: claim };
    for (const extra of [undefined, {}]) {
      const payload = buildSessionJwtPayload({ ...base, ...(extra ? { extra } : {}) });
      expect(payload).toEqual(expected);
      expect(Object.keys(payload)).toEqual(REGISTERED);
    }
  });

  it('puts custom claims first and never lets them override a registered claim', () => {
    const payload = buildSessionJwtPayload({ ...base, extra: { plan: 'pro', sub: 'user-test-evil', exp: 9e9, jti: 'x', nested: { a: 1 } } });
    expect(Object.keys(payload)).toEqual(['plan', 'nested', ...REGISTERED]);
    expect(payload.sub).toBe('user-test-1');
    expect(payload.exp).toBe(1_800_000_300);
    expect(payload).not.toHaveProperty('jti');
    expect(payload.nested).toEqual({ a: 1 });
  });
});
