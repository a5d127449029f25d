/**
 * `client.organization` (B2B): the member's organization (`/sdk/v1/b2b/organizations/me`).
 *
 * @module
 */
import type { Organization } from '@tessera/core';
import type { SessionCore } from '../internal/session-core.js';
import { onValueChange } from '../session.js';
import type { InfoOf } from '../types.js';
import type { B2BState, MemberSearchOptions, MemberSearchResponse, OrganizationResponse } from './types.js';

export interface OrganizationClient {
  get(): Promise<OrganizationResponse>;
  getSync(): Organization | null;
  getInfo(): InfoOf<'organization', Organization>;
  onChange(callback: (organization: Organization | null) => void): () => void;
  members: {
    /** Searches the organization's members (needs `search` on `stytch.member`). */
    search(options?: MemberSearchOptions): Promise<MemberSearchResponse>;
  };
}

export function organizationClient(core: SessionCore<B2BState>): OrganizationClient {
  return {
    async get() {
      const answer = await core.request<OrganizationResponse>('GET', '/b2b/organizations/me');
      core.patch((d) => ({ ...d, organization: answer.organization }));
      return answer;
    },
    getSync: () => core.state.data?.organization ?? null,
    getInfo: () => ({ organization: core.state.data?.organization ?? null, fromCache: core.state.fromCache }),
    onChange: (callback) => onValueChange(core, (d) => d?.organization ?? null, callback),
    members: {
      search: (options = {}) => core.request<MemberSearchResponse>('POST', '/b2b/organizations/me/members/search', options),
    },
  };
}
