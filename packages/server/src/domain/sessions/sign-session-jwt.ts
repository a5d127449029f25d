/**
 * Session JWT signing with the project's current key, timed for the operator's metrics
 * (`tessera_jwt_sign_seconds`).
 *
 * @module
 */
import { buildSessionJwtPayload, type JsonObject, type SessionClaim } from '@tessera/core';
import { signJwt } from '../../crypto/jwt-signing.js';
import type { ProjectContext } from '../context.js';
import { keyRingOf } from '../projects/key-ring-of.js';

/**
 * Signs a 5-minute RS256 session JWT with the project's current key (off the event loop). Consumer and
 * member sessions both use it: `subject` is the user or member id, `extra` the custom claims (and, in B2B,
 * the organization claim).
 */
export async function signSessionJwt(ctx: ProjectContext, input: { subject: string; nowSeconds: number; claim: SessionClaim; extra?: JsonObject }): Promise<string> {
  const ring = await keyRingOf(ctx, ctx.project.project_id);
  if (!ring.signer) throw new Error(`project ${ctx.project.project_id} has no active signing key`);
  const signer = ring.signer;
  const started = performance.now();
  const payload = buildSessionJwtPayload({ projectId: ctx.project.project_id, subject: input.subject, nowSeconds: input.nowSeconds, claim: input.claim, extra: input.extra });
  const jwt = await signJwt(signer, payload);
  ctx.observe.jwtSigned(signer.alg, (performance.now() - started) / 1000);
  return jwt;
}
