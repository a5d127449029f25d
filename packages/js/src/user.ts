/**
 * `client.user`: the logged-in user (`/sdk/v1/users/me`).
 *
 * @module
 */
import type { JsonObject, User, UserName } from '@tessera/core';
import type { SessionCore } from './internal/session-core.js';
import { omitUser } from './internal/omit-user.js';
import { onValueChange } from './session.js';
import type { ConsumerState, InfoOf, ResponseCommon, UserUpdateResponse } from './types.js';

export interface UserClient {
  /** Fetches the user and refreshes the state with it. */
  get(): Promise<User & ResponseCommon>;
  /** Updates the user's name or untrusted metadata. */
  update(options: { name?: Partial<UserName>; untrusted_metadata?: JsonObject }): Promise<UserUpdateResponse>;
  getSync(): User | null;
  getInfo(): InfoOf<'user', User>;
  onChange(callback: (user: User | null) => void): () => void;
}

export function userClient(core: SessionCore<ConsumerState>): UserClient {
  return {
    async get() {
      const answer = await core.request<User & ResponseCommon>('GET', '/users/me');
      const { request_id: _r, status_code: _s, ...user } = answer;
      core.patch((d) => ({ ...d, user }));
      return answer;
    },
    async update(options) {
      const answer = await core.request<UserUpdateResponse & { __user?: User }>('PUT', '/users/me', options);
      const user = answer.__user;
      if (user) core.patch((d) => ({ ...d, user }));
      return omitUser(answer);
    },
    getSync: () => core.state.data?.user ?? null,
    getInfo: () => ({ user: core.state.data?.user ?? null, fromCache: core.state.fromCache }),
    onChange: (callback) => onValueChange(core, (d) => d?.user ?? null, callback),
  };
}
