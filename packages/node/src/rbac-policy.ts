/**
 * The project's RBAC policy, fetched on first use and kept five minutes, for local
 * `authorization_check`s; the official SDK's `PolicyCache` and `performAuthorizationCheck`.
 *
 * @module
 */
import { ClientError, isolatesRequestIo } from '@tessera/core';
import { request, type Transport } from './http/request.js';
import type { Policy, RBACPolicyResponse } from './types/rbac.js';
import type { SessionsAuthorizationCheck } from './types/sessions.js';

const TTL_MS = 5 * 60 * 1000;

export class PolicyCache {
  readonly #transport: Transport;
  readonly #share = !isolatesRequestIo(); // see core runtime.ts: no shared I/O promises in workerd
  #policy: Policy | undefined;
  #refreshedAt = Number.NEGATIVE_INFINITY;
  #pending: Promise<Policy> | undefined;

  constructor(transport: Transport) {
    this.#transport = transport;
  }

  getPolicy(): Promise<Policy> {
    if (this.#policy && Date.now() < this.#refreshedAt + TTL_MS) return Promise.resolve(this.#policy);
    if (this.#share && this.#pending) return this.#pending;
    const pending = request<RBACPolicyResponse>(this.#transport, { method: 'GET', path: '/v1/rbac/policy' })
      .then(({ policy }) => {
        this.#policy = policy;
        this.#refreshedAt = Date.now();
        return policy;
      })
      .finally(() => {
        if (this.#pending === pending) this.#pending = undefined;
      });
    if (this.#share) this.#pending = pending;
    return pending;
  }
}

/** Throws `invalid_permissions` unless one of `roles` grants `check.action` (or `*`) on `check.resource_id`. */
export function performAuthorizationCheck(policy: Policy, roles: readonly string[], check: SessionsAuthorizationCheck): void {
  const granted = policy.roles.some(
    (role) =>
      roles.includes(role.role_id) &&
      role.permissions.some(
        (p) => p.resource_id === check.resource_id && (p.actions.includes(check.action) || p.actions.includes('*')),
      ),
  );
  if (!granted) throw new ClientError('invalid_permissions', 'User does not have permission to perform the requested action');
}
