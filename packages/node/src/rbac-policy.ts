/**
 * The project's RBAC policy, fetched on first use and kept five minutes, for local
 * `authorization_check`s; the official SDK's `PolicyCache` and role check (`stytch/dist/shared/rbac_local.js`).
 * Like the official cache it refreshes on use, never in the background, so an unused client does no work.
 *
 * @module
 */
import { ClientError, isAuthorizedBy, isolatesRequestIo } from '@tessera/core';
import { request, type Transport } from './http/request.js';
import type { Policy, PolicyRole, RBACPolicyResponse } from './types/rbac.js';
import type { SessionsAuthorizationCheck } from './types/sessions.js';

/** The official `PolicyCache.CacheTTL`. */
export const POLICY_TTL_MS = 5 * 60 * 1000;

export interface CacheOptions {
  /** Clock in epoch ms, read at each use. Default `Date.now()`; injectable for tests. */
  now?: () => number;
}

/**
 * A value loaded on first use and reloaded on the first use `POLICY_TTL_MS` after it was loaded. Callers
 * that arrive during a load share it, except where request I/O is isolated (workerd: see core `runtime.ts`).
 * A failed load is not kept: the next use tries again.
 */
export class ExpiringValue<T> {
  readonly #load: () => Promise<T>;
  readonly #now: () => number;
  readonly #share = !isolatesRequestIo();
  #value: { value: T; loadedAt: number } | undefined;
  #pending: Promise<T> | undefined;

  constructor(load: () => Promise<T>, options: CacheOptions = {}) {
    this.#load = load;
    this.#now = options.now ?? (() => Date.now());
  }

  get(): Promise<T> {
    const cached = this.#value;
    if (cached && this.#now() < cached.loadedAt + POLICY_TTL_MS) return Promise.resolve(cached.value);
    if (this.#share && this.#pending) return this.#pending;
    const pending = this.#load()
      .then((value) => {
        this.#value = { value, loadedAt: this.#now() };
        return value;
      })
      .finally(() => {
        if (this.#pending === pending) this.#pending = undefined;
      });
    if (this.#share) this.#pending = pending;
    return pending;
  }
}

/** The project policy of a consumer project. `GET /v1/rbac/policy` */
export function consumerPolicy(transport: Transport): Promise<Policy> {
  return request<RBACPolicyResponse>(transport, { method: 'GET', path: '/v1/rbac/policy' }).then((r) => r.policy);
}

export class PolicyCache {
  readonly #policy: ExpiringValue<Policy>;

  constructor(loadPolicy: () => Promise<Policy>, options?: CacheOptions) {
    this.#policy = new ExpiringValue(loadPolicy, options);
  }

  getPolicy(): Promise<Policy> {
    return this.#policy.get();
  }
}

/**
 * Throws `invalid_permissions` unless one of `subjectRoles` is granted `check.action` (or `*`) on
 * `check.resource_id` by `policyRoles`. `callerType` words the message as the official SDK does.
 */
export function checkRoles(
  policyRoles: readonly PolicyRole[],
  subjectRoles: readonly string[],
  check: { resource_id: string; action: string },
  callerType: 'User' | 'Member',
): void {
  const granted = isAuthorizedBy(policyRoles, subjectRoles, check.resource_id, check.action);
  if (!granted) throw new ClientError('invalid_permissions', `${callerType} does not have permission to perform the requested action`);
}

/** The consumer check: `roles` against the project policy. */
export function performAuthorizationCheck(policy: Policy, roles: readonly string[], check: SessionsAuthorizationCheck): void {
  checkRoles(policy.roles, roles, check, 'User');
}
