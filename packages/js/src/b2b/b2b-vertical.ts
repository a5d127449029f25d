/** Where the member session lives in an answer: `member_session`, `member`, `organization`. */
import type { Member, MemberSession, Organization } from '@tessera/core';
import type { Vertical } from '../internal/session-core.js';
import type { B2BState } from './types.js';

export const b2bVertical: Vertical<B2BState> = {
  authenticatePath: '/b2b/sessions/authenticate',
  revokePath: '/b2b/sessions/revoke',
  stateOf(answer) {
    const session = answer.member_session as MemberSession | null | undefined;
    const member = answer.member as Member | null | undefined;
    const organization = answer.organization as Organization | null | undefined;
    return session && member && organization ? { session, member, organization } : null;
  },
  expiresAt: (data) => data.session.expires_at,
};
