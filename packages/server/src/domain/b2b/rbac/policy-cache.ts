/**
 * The projects' stored RBAC policies, cached. A member authenticate with `authorization_check` reads the
 * policy on every call, and a policy changes rarely (an operator's `PUT /v1/b2b/rbac/policy`, `tessera rbac
 * set`), so the hot path costs a Map lookup instead of a query and a JSON parse (measured: the read was ~4% of
 * the `tessera-member-authz` benchmark row's CPU).
 *
 * Freshness: this process's own changes drop the entry at once (`setRbacPolicy` invalidates it), and so do
 * another instance's over PostgreSQL (the `rbac` cache event, wired in runtime.ts). A change made by another
 * process on the same SQLite file (the CLI beside a running server) is read within `TTL_MS`. Stytch's own
 * backend SDKs cache the policy for minutes when they authorize locally; 5 seconds is well inside that.
 *
 * @module
 */
import type { Clock } from '@tessera/core';
import type { RbacPolicy } from '../../../store/b2b-records.js';
import type { RbacPolicyStore } from '../../../store/b2b-stores.js';
import { deepFreeze } from '../../../deep-freeze.js';

const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

export class RbacPolicyCache {
  readonly #cache = new Map<string, { policy: RbacPolicy | null; until: number }>();
  /** Bumped by every invalidation: a read that started before one does not store what it read. */
  #generation = 0;

  constructor(
    private readonly store: RbacPolicyStore,
    private readonly clock: Clock,
  ) {}

  /** The project's stored policy (null: Tessera's default), frozen: callers share it. */
  async get(projectId: string): Promise<RbacPolicy | null> {
    const now = this.clock();
    const hit = this.#cache.get(projectId);
    if (hit && now < hit.until) return hit.policy;
    const generation = this.#generation;
    const stored = await this.store.get(projectId);
    const policy = stored && deepFreeze(stored);
    if (generation === this.#generation) {
      if (this.#cache.size >= MAX_ENTRIES) this.#cache.clear();
      this.#cache.set(projectId, { policy, until: now + TTL_MS });
    }
    return policy;
  }

  /** Forgets the project's policy (it was just replaced, here or by another instance). */
  invalidate(projectId: string): void {
    this.#generation++;
    this.#cache.delete(projectId);
  }

  /** Forgets every policy (cache notifications may have been missed). */
  invalidateAll(): void {
    this.#generation++;
    this.#cache.clear();
  }
}
