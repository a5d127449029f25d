/**
 * `client.session`: the consumer session (docs/architecture.md, "Frontend API").
 *
 * @module
 */
import type { Session } from '@tessera/core';
import type { SessionCore } from './internal/session-core.js';
import { omitUser } from './internal/omit-user.js';
import type { ConsumerState, InfoOf, ResponseCommon, SessionAuthenticateResponse } from './types.js';

export interface SessionClient {
  /** Authenticates the current session (extends it by `session_duration_minutes` when given). */
  authenticate(options?: { session_duration_minutes?: number }): Promise<SessionAuthenticateResponse>;
  /** Revokes the current session; `forceClear` logs out locally even if the call fails. */
  revoke(options?: { forceClear?: boolean }): Promise<ResponseCommon>;
  /** The session now in memory (possibly the cached copy), or null. */
  getSync(): Session | null;
  getInfo(): InfoOf<'session', Session>;
  /** The tokens readable by script: null when logged out or in HttpOnly-cookie mode. */
  getTokens(): { session_token: string; session_jwt: string } | null;
  /** Called with the session (or null) on every change; returns the unsubscriber. */
  onChange(callback: (session: Session | null) => void): () => void;
}

export function sessionClient(core: SessionCore<ConsumerState>): SessionClient {
  return {
    authenticate: async (options = {}) => omitUser(await core.authenticate<SessionAuthenticateResponse>(options.session_duration_minutes)),
    revoke: (options = {}) => core.revoke<ResponseCommon>(options.forceClear ?? false),
    getSync: () => core.state.data?.session ?? null,
    getInfo: () => ({ session: core.state.data?.session ?? null, fromCache: core.state.fromCache }),
    getTokens: () => core.tokens(),
    onChange: (callback) => onValueChange(core, (s) => s?.session ?? null, callback),
  };
}

/** Subscribes to one value of the state: the callback runs when that value changes. */
export function onValueChange<D, V>(core: SessionCore<D>, select: (data: D | null) => V, callback: (value: V) => void): () => void {
  let last = select(core.state.data);
  return core.store.subscribe(() => {
    const next = select(core.state.data);
    if (next === last) return;
    last = next;
    callback(next);
  });
}
