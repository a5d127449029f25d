import { describe, expect, it } from 'vitest';
import { ORGANIZATION_CLAIM, SESSION_CLAIM, type SessionJwtPayload } from '../jwt/claims.js';
import { ClientError } from './client-error.js';
import { memberSessionFromClaims } from './member-session-from-claims.js';
import { sessionFromClaims } from './session-from-claims.js';

const factor = { type: 'password', delivery_method: 'knowledge', last_authenticated_at: '2025-11-12T10:35:49Z' };
const payload = (extra: Record<string, unknown> = {}) =>
  ({
    aud: ['project-test-1'],
    exp: 1_762_944_049,
    iat: 1_762_943_749,
    nbf: 1_762_943_749,
    iss: 'stytch.com/project-test-1',
    sub: 'member-test-1',
    team: 'blue',
    [ORGANIZATION_CLAIM]: { organization_id: 'organization-test-1', slug: 'acme' },
    [SESSION_CLAIM]: {
      id: 'session-test-1',
      started_at: '2025-11-12T10:35:49Z',
      last_accessed_at: '2025-11-12T10:36:49Z',
      expires_at: '2025-11-12T11:35:49Z',
      attributes: { ip_address: '', user_agent: '' },
      authentication_factors: [factor],
      roles: ['stytch_member', 'stytch_admin'],
    },
    ...extra,
  }) as unknown as SessionJwtPayload;

describe('memberSessionFromClaims', () => {
  it('builds the MemberSession the official B2B SDK builds: no attributes, no organization claim among custom claims', () => {
    expect(memberSessionFromClaims(payload({ jti: 'x' }))).toEqual({
      member_session_id: 'session-test-1',
      member_id: 'member-test-1',
      organization_id: 'organization-test-1',
      authentication_factors: [factor],
      started_at: '2025-11-12T10:35:49Z',
      last_accessed_at: '2025-11-12T10:36:49Z',
      expires_at: '2025-11-12T11:35:49.000Z',
      custom_claims: { team: 'blue' },
      roles: ['stytch_member', 'stytch_admin'],
      organization_slug: 'acme',
    });
  });

  it('keeps the key order of the official result', () => {
    expect(Object.keys(memberSessionFromClaims(payload()))).toEqual([
      'member_session_id',
      'member_id',
      'organization_id',
      'authentication_factors',
      'started_at',
      'last_accessed_at',
      'expires_at',
      'custom_claims',
      'roles',
      'organization_slug',
    ]);
  });

  it('the consumer session keeps the organization claim among custom claims, as the official B2C SDK does', () => {
    expect(sessionFromClaims(payload()).custom_claims).toEqual({
      team: 'blue',
      [ORGANIZATION_CLAIM]: { organization_id: 'organization-test-1', slug: 'acme' },
    });
  });

  it('refuses a token without a usable organization claim with jwt_invalid', () => {
    for (const org of [undefined, null, 'acme', {}, { organization_id: 7, slug: 'acme' }]) {
      const err = (() => {
        try {
          memberSessionFromClaims(payload({ [ORGANIZATION_CLAIM]: org }));
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(err).toBeInstanceOf(ClientError);
      expect((err as ClientError).code).toBe('jwt_invalid');
    }
  });
});
