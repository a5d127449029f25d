/**
 * The revocation feed (issue #15): the sessions of the project (consumer and B2B member) revoked within
 * the retain window, since a cursor.
 *
 * The cursor is the server's clock when the answer was made (`r1.<epoch ms>`; opaque to clients). The next
 * ask returns everything revoked from `cursor - CURSOR_OVERLAP_MS` on, so an entry stamped by an instance
 * (or the CLI) whose clock is a little behind, or whose transaction committed just after the previous
 * answer was read, is not lost. Answers may therefore repeat entries; clients de-duplicate by session_id
 * (`RevocationList` in @tessera/core does).
 *
 * @module
 */
import { REVOCATION_RETAIN_SECONDS, type Revocation } from '@tessera/core';
import type { ProjectContext } from '../context.js';
import { ApiError } from '../errors.js';

export const CURSOR_OVERLAP_MS = 5_000;
const RETAIN_MS = REVOCATION_RETAIN_SECONDS * 1000;

export interface RevocationFeedPage {
  revocations: Revocation[];
  cursor: string;
  retain_seconds: number;
}

export const encodeCursor = (ms: number): string => `r1.${ms}`;

/** The epoch ms a cursor carries; undefined when absent; `invalid_argument` when malformed. */
export function parseCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  const m = /^r1\.(\d{1,15})$/.exec(cursor);
  if (!m) throw new ApiError('invalid_argument', 'since must be a cursor returned by this endpoint.');
  return Number(m[1]);
}

/** Revoked at or after this (epoch ms): the cursor less the overlap, never before the retain window. */
export function feedStart(since: number | undefined, now: number): number {
  const floor = now - RETAIN_MS;
  return since === undefined ? floor : Math.max(floor, since - CURSOR_OVERLAP_MS);
}

export async function revocationFeed(ctx: ProjectContext, since: number | undefined): Promise<RevocationFeedPage> {
  const now = ctx.clock();
  const rows = await ctx.stores.revocations.since(ctx.project.project_id, feedStart(since, now));
  return {
    revocations: rows.map((r) => ({ session_id: r.session_id, revoked_at: new Date(r.revoked_at).toISOString() })),
    cursor: encodeCursor(now),
    retain_seconds: REVOCATION_RETAIN_SECONDS,
  };
}
