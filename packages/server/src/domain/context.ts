/**
 * What every domain operation receives: the stores, the clock, the key rings, the master key and the
 * password worker pool, plus, for project-scoped operations, the authenticated project. Nothing here
 * knows about HTTP.
 *
 * @module
 */
import type { Clock } from '@tessera/core';
import type { KeyRings } from '../crypto/key-ring.js';
import type { RbacPolicyCache } from './b2b/rbac/policy-cache.js';
import type { MasterKey } from '../crypto/master-key.js';
import type { PasswordPool } from '../crypto/password/index.js';
import { sessionTokenKey } from '../crypto/session-token.js';
import type { ProjectRecord } from '../store/records.js';
import type { ProjectClocks } from './projects/test-clock/project-clocks.js';
import type { Stores } from '../store/stores.js';
import type { CacheEvents } from '../store/cache-events.js';
import type { RateLimitPolicy } from './limits/rate-limit.js';
import type { MailDelivery } from './mail/message.js';
import type { DomainObserver } from './observer.js';
import type { AuditLog } from './audit/audit-log.js';

export interface DomainPolicy {
  keyActivationDelaySeconds: number;
  lockout: { threshold: number; windowMs: number; lockMs: number };
  /** Limits of the endpoints that send mail or check codes (domain/limits/rate-limit.ts). */
  rateLimits: RateLimitPolicy;
}

export interface Deps {
  readonly stores: Stores;
  /** The server's clock. A project's operations use `ProjectContext.clock`, which a test project may advance. */
  readonly clock: Clock;
  /** Per-project test clocks (issue #16): the offsets test projects run ahead of `clock`. */
  readonly clocks: ProjectClocks;
  readonly keys: KeyRings;
  /** The projects' stored RBAC policies, cached (see `RbacPolicyCache`). */
  readonly rbacPolicies: RbacPolicyCache;
  readonly master: MasterKey;
  readonly policy: DomainPolicy;
  /** Where every password hash and verification runs (see `domain/passwords/password-work.ts`). */
  readonly passwordPool: PasswordPool;
  /** How queued mail leaves the process (SMTP sender or the local outbox). */
  readonly mail: MailDelivery;
  /**
   * Tells every instance sharing the database which cached project data changed (LISTEN/NOTIFY over
   * PostgreSQL, in-process over SQLite); the stores publish, the caches subscribe.
   */
  readonly events: CacheEvents;
  /** The project contexts and token keys derived for these deps (made with them, see `ContextCache`). */
  readonly contexts: ContextCache;
  /** Where lockouts and JWT signing times are reported (the server's metrics; a no-op for the CLI). */
  readonly observe: DomainObserver;
  /** Where admin and secret-authenticated writes are recorded (written behind; `flush()` before exit). */
  readonly audit: AuditLog;
}

export interface ProjectContext extends Deps {
  readonly project: ProjectRecord;
  /**
   * The project's clock: the server's for a live project; for a test project the server's plus its test
   * clock offset, read from memory (sync, no query; see `ProjectClocks`).
   */
  readonly clock: Clock;
  /** HMAC key session tokens are derived with (see crypto/session-token.ts). */
  readonly tokenKey: Buffer;
}

/**
 * The contexts made for one `Deps` by project record (the authenticator hands out the same record while it
 * caches it, so a new record, e.g. after a rename, gets a new context) and the session-token key of each
 * project. Created with the deps (runtime.ts) and owned by them: nothing here is process-wide.
 */
export class ContextCache {
  readonly #contexts = new WeakMap<ProjectRecord, ProjectContext>();
  readonly #tokenKeys = new Map<string, Buffer>();

  contextOf(deps: Deps, project: ProjectRecord): ProjectContext {
    let ctx = this.#contexts.get(project);
    if (ctx) return ctx;
    let tokenKey = this.#tokenKeys.get(project.project_id);
    if (!tokenKey) this.#tokenKeys.set(project.project_id, (tokenKey = sessionTokenKey(deps.master, project.project_id)));
    ctx = Object.freeze({ ...deps, clock: deps.clocks.clockOf(project), project, tokenKey });
    this.#contexts.set(project, ctx);
    return ctx;
  }
}

export function projectContext(deps: Deps, project: ProjectRecord): ProjectContext {
  return deps.contexts.contextOf(deps, project);
}
