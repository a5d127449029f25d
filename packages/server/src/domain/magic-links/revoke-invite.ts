import type { ProjectContext } from '../context.js';
import { ApiError } from '../errors.js';
import { isSandboxEmail } from '../sandbox/consumer.js';
import { normalizeEmail } from '../validate.js';

/**
 * `POST /v1/magic_links/email/revoke_invite`: the invite links sent to the address stop working. No user
 * has the address -> 404 `email_not_found`.
 *
 * Every magic link a pending user holds is an invite or signup link, so all of the pending user's live
 * magic links for that address are ended. An active user has accepted (or never needed) an invitation:
 * nothing is revoked and the answer is still 200, so the call is idempotent.
 */
export async function revokeInvite(ctx: ProjectContext, input: { email: string }): Promise<void> {
  const address = normalizeEmail(input.email);
  if (isSandboxEmail(ctx, address)) return;
  const user = await ctx.stores.users.byEmail(ctx.project.project_id, address);
  if (!user) throw new ApiError('email_not_found');
  if (user.status !== 'pending') return;
  await ctx.stores.oneTimeTokens.revoke(ctx.project.project_id, { purpose: 'magic_link', subject_id: user.user_id, email: address }, ctx.clock());
}
