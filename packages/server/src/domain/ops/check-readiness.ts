/**
 * `checkReadiness(deps)`: whether this instance can serve traffic, for `GET /readyz`. Three checks, in
 * order, each named in the answer: the database answers a trivial query, every migration this version
 * knows of is recorded as applied (another instance's newer schema is fine; an older one is not), and every
 * project's key ring loads with a key that signs now (the master key opens it). A failure names how many
 * projects, never which (the endpoint answers without authentication).
 *
 * @module
 */
import { migrations } from '../../db/migrations.js';
import type { Deps } from '../context.js';

export type CheckName = 'database' | 'migrations' | 'signing_keys';

export interface Readiness {
  ready: boolean;
  /** Each check's outcome; `skipped` when an earlier failure left nothing to check it with. */
  checks: Record<CheckName, { ok: boolean; detail?: string; skipped?: true }>;
  /** The checks that failed (skipped ones excluded). */
  failed: CheckName[];
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export async function checkReadiness(deps: Pick<Deps, 'stores' | 'keys'>): Promise<Readiness> {
  const checks: Readiness['checks'] = {
    database: { ok: false, skipped: true },
    migrations: { ok: false, skipped: true },
    signing_keys: { ok: false, skipped: true },
  };
  const done = (): Readiness => ({
    ready: Object.values(checks).every((c) => c.ok),
    checks,
    failed: (Object.keys(checks) as CheckName[]).filter((name) => !checks[name].ok && !checks[name].skipped),
  });
  try {
    await deps.stores.ops.ping();
    checks.database = { ok: true };
  } catch (err) {
    // A driver message names no password (the URL is never in it), but keep it short.
    checks.database = { ok: false, detail: `database unreachable: ${message(err).slice(0, 200)}` };
    return done();
  }
  try {
    const applied = new Set(await deps.stores.ops.appliedMigrations());
    const missing = Object.keys(migrations).filter((name) => !applied.has(name));
    checks.migrations = missing.length === 0 ? { ok: true } : { ok: false, detail: `migrations not applied: ${missing.join(', ')}` };
  } catch (err) {
    checks.migrations = { ok: false, detail: `cannot read applied migrations: ${message(err).slice(0, 200)}` };
  }
  try {
    const projects = await deps.stores.projects.list();
    let unusable = 0;
    for (const p of projects) {
      try {
        // Cached for 5 s by the key rings, so a readiness probe every few seconds costs no query per project.
        const ring = await deps.keys.ring(deps.stores.keys, p.project_id);
        if (!ring.signer) unusable++;
      } catch {
        unusable++;
      }
    }
    checks.signing_keys = unusable === 0 ? { ok: true } : { ok: false, detail: `no usable signing key for ${unusable} of ${projects.length} project(s)` };
  } catch (err) {
    checks.signing_keys = { ok: false, detail: `cannot list projects: ${message(err).slice(0, 200)}` };
  }
  return done();
}
