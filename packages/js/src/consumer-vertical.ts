/**
 * Where the consumer session lives in an answer: `session` and `user` (`__user` for `PUT /users/me`).
 *
 * @module
 */
import type { Session, User } from '@tessera/core';
import type { Vertical } from './internal/session-core.js';
import type { ConsumerState } from './types.js';

export const consumerVertical: Vertical<ConsumerState> = {
  authenticatePath: '/sessions/authenticate',
  revokePath: '/sessions/revoke',
  stateOf(answer) {
    const session = answer.session as Session | null | undefined;
    const user = (answer.user ?? answer.__user) as User | null | undefined;
    return session && user ? { session, user } : null;
  },
  expiresAt: (data) => data.session.expires_at,
};
