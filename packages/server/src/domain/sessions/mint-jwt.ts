import { buildSessionJwtPayload } from '@tessera/core';
import { signJwt } from '../../crypto/jwt-signing.js';
import type { SessionRecord, UserRecord } from '../../store/records.js';
import type { ProjectContext } from '../context.js';
import { sessionClaim } from './session-view.js';

/** A fresh 5-minute RS256 session JWT (signed off the event loop). */
export async function mintSessionJwt(ctx: ProjectContext, session: SessionRecord, user: UserRecord): Promise<string> {
  const ring = await ctx.keys.ring(ctx.project.project_id);
  if (!ring.signer) throw new Error(`project ${ctx.project.project_id} has no active signing key`);
  const payload = buildSessionJwtPayload({
    projectId: ctx.project.project_id,
    subject: user.user_id,
    nowSeconds: Math.floor(session.last_accessed_at / 1000),
    claim: sessionClaim(session, user),
    extra: session.custom_claims,
  });
  return signJwt(ring.signer, payload);
}
