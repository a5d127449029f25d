import type { SessionRecord, UserRecord } from '../../store/records.js';
import type { ProjectContext } from '../context.js';
import { sessionClaim } from './session-view.js';
import { signSessionJwt } from './sign-session-jwt.js';

/** A fresh 5-minute RS256 session JWT (signed off the event loop). Not `async`: it hands on signSessionJwt's promise. */
export function mintSessionJwt(ctx: ProjectContext, session: SessionRecord, user: UserRecord): Promise<string> {
  return signSessionJwt(ctx, {
    subject: user.user_id,
    nowSeconds: Math.floor(session.last_accessed_at / 1000),
    claim: sessionClaim(session, user),
    extra: session.custom_claims,
  });
}
