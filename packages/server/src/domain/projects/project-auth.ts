/**
 * Basic `project_id:secret` authentication, cached: the hot path costs one SHA-256 (~1 µs) and a few
 * constant-time comparisons, never a KDF (docs/performance.md: a KDF per request would cost more than the
 * JWT signature). A project's secrets are re-read from the store at most every few seconds, so a secret
 * added or removed by another process takes effect within that bound; sooner when the change arrives as a
 * cache event (`invalidate`, wired in runtime.ts: at once over PostgreSQL, through LISTEN/NOTIFY).
 *
 * @module
 */
import type { Clock } from '@tessera/core';
import { digestsEqual, sha256 } from '../../crypto/session-token.js';
import type { ProjectCredentials, ProjectRecord } from '../../store/records.js';
import type { ProjectStore } from '../../store/stores.js';

const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

export class ProjectAuthenticator {
  readonly #cache = new Map<string, { creds: ProjectCredentials | null; until: number }>();

  constructor(
    private readonly store: ProjectStore,
    private readonly clock: Clock,
  ) {}

  /** The project and the id of the secret that matched (the audit log's actor), or null. */
  async authenticateSecret(projectId: string, secret: string): Promise<Authenticated | null> {
    const cached = this.authenticateCached(projectId, secret);
    return cached !== undefined ? cached : matchSecret(await this.#load(projectId), secret);
  }

  /**
   * `authenticateSecret` answered from the cache alone, without a promise (the request hook's fast path);
   * undefined when the project's credentials are not cached or are due to be read again.
   */
  authenticateCached(projectId: string, secret: string): Authenticated | null | undefined {
    const hit = this.#cache.get(projectId);
    return hit && this.clock() < hit.until ? matchSecret(hit.creds, secret) : undefined;
  }

  invalidate(projectId: string): void {
    this.#cache.delete(projectId);
  }

  invalidateAll(): void {
    this.#cache.clear();
  }

  async #load(projectId: string): Promise<ProjectCredentials | null> {
    const now = this.clock();
    const creds = await this.store.credentials(projectId);
    if (this.#cache.size >= MAX_ENTRIES) this.#cache.clear();
    this.#cache.set(projectId, { creds, until: now + TTL_MS });
    return creds;
  }
}

export interface Authenticated {
  project: ProjectRecord;
  secretId: string;
}

function matchSecret(creds: ProjectCredentials | null, secret: string): Authenticated | null {
  if (!creds) return null;
  const hash = sha256(secret);
  let matched = -1;
  // No early exit: the time taken does not depend on which secret matched.
  for (let i = 0; i < creds.secretHashes.length; i++) if (digestsEqual(hash, creds.secretHashes[i]!)) matched = i;
  return matched < 0 ? null : { project: creds.project, secretId: creds.secretIds[matched]! };
}
