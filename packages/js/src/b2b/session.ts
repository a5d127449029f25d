/**
 * `client.session` (B2B): the member session.
 *
 * @module
 */
import type { MemberSession } from '@tessera/core';
import type { SessionCore } from '../internal/session-core.js';
import { onValueChange } from '../session.js';
import type { InfoOf, ResponseCommon } from '../types.js';
import type { B2BAuthenticateResponse, B2BSessionAuthenticateResponse, B2BState } from './types.js';

export interface B2BSessionClient {
  authenticate(options?: { session_duration_minutes?: number }): Promise<B2BSessionAuthenticateResponse>;
  revoke(options?: { forceClear?: boolean }): Promise<ResponseCommon>;
  /** Revokes every session of a member (one's own, or anyone's with `revoke-sessions` on `stytch.member`). */
  revokeForMember(options: { member_id: string }): Promise<ResponseCommon>;
  /** Trades the session for one in another organization of the same person. */
  exchange(options: { organization_id: string; session_duration_minutes: number; locale?: string }): Promise<B2BAuthenticateResponse>;
  getSync(): MemberSession | null;
  getInfo(): InfoOf<'session', MemberSession>;
  getTokens(): { session_token: string; session_jwt: string } | null;
  onChange(callback: (session: MemberSession | null) => void): () => void;
}

export function b2bSessionClient(core: SessionCore<B2BState>): B2BSessionClient {
  return {
    authenticate: (options = {}) => core.authenticate<B2BSessionAuthenticateResponse>(options.session_duration_minutes),
    revoke: (options = {}) => core.revoke<ResponseCommon>(options.forceClear ?? false),
    revokeForMember: async ({ member_id }) => {
      const answer = await core.request<ResponseCommon>('POST', `/b2b/sessions/revoke/${encodeURIComponent(member_id)}`);
      if (member_id === core.state.data?.member.member_id) core.destroy();
      return answer;
    },
    exchange: (o) => core.login<B2BAuthenticateResponse>('/b2b/sessions/exchange', o),
    getSync: () => core.state.data?.session ?? null,
    getInfo: () => ({ session: core.state.data?.session ?? null, fromCache: core.state.fromCache }),
    getTokens: () => core.tokens(),
    onChange: (callback) => onValueChange(core, (d) => d?.session ?? null, callback),
  };
}
