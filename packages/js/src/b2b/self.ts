/**
 * `client.self` (B2B): the logged-in member (`/sdk/v1/b2b/organizations/members/me`).
 *
 * @module
 */
import type { Member } from '@tessera/core';
import type { SessionCore } from '../internal/session-core.js';
import { onValueChange } from '../session.js';
import type { InfoOf } from '../types.js';
import type { B2BState, MemberResponse } from './types.js';

export interface SelfClient {
  /** Fetches the member (and its organization) and refreshes the state with them. */
  get(): Promise<MemberResponse>;
  getSync(): Member | null;
  getInfo(): InfoOf<'member', Member>;
  onChange(callback: (member: Member | null) => void): () => void;
}

export function selfClient(core: SessionCore<B2BState>): SelfClient {
  return {
    async get() {
      const answer = await core.request<MemberResponse>('GET', '/b2b/organizations/members/me');
      core.patch((d) => ({ ...d, member: answer.member, organization: answer.organization }));
      return answer;
    },
    getSync: () => core.state.data?.member ?? null,
    getInfo: () => ({ member: core.state.data?.member ?? null, fromCache: core.state.fromCache }),
    onChange: (callback) => onValueChange(core, (d) => d?.member ?? null, callback),
  };
}
