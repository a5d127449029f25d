/**
 * The project's RBAC policy, loaded once per client from the bootstrap route on first use (never on a
 * server) and kept in localStorage, so a reload checks permissions from the cached copy (`fromCache`)
 * while the fresh one loads.
 *
 * @module
 */
import type { SessionCore } from '../internal/session-core.js';
import { StateStore } from '../internal/state-store.js';
import type { Policy } from './policy.js';

export class PolicySource {
  readonly store: StateStore<Policy>;
  #loading: Promise<Policy | null> | null = null;
  readonly #key: string;

  constructor(
    private readonly core: Pick<SessionCore<unknown>, 'isBrowser' | 'request'>,
    private readonly publicToken: string,
    private readonly storage: Storage | null,
  ) {
    this.#key = `tessera_sdk_rbac_policy_${publicToken}`;
    let cached: Policy | null = null;
    try {
      cached = JSON.parse(storage?.getItem(this.#key) ?? 'null') as Policy | null;
    } catch {
      cached = null;
    }
    this.store = new StateStore<Policy>({ data: cached, fromCache: cached !== null });
  }

  /** Starts loading (once); resolves to the policy, or null when it could not be loaded. */
  load(): Promise<Policy | null> {
    if (!this.core.isBrowser) return Promise.resolve(null);
    this.#loading ??= this.core
      .request<{ rbac_policy: Policy | null }>('GET', `/projects/bootstrap/${encodeURIComponent(this.publicToken)}`)
      .then((b) => {
        const policy = b.rbac_policy ?? { roles: [], resources: [] };
        this.store.set({ data: policy, fromCache: false });
        try {
          this.storage?.setItem(this.#key, JSON.stringify(policy));
        } catch {
          // kept in memory only
        }
        return policy;
      })
      .catch(() => {
        this.#loading = null; // try again on next use
        return this.store.get().data;
      });
    return this.#loading;
  }
}
