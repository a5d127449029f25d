/**
 * B2B password resets the frontend API offers (`/sdk/v1/b2b/passwords/session/reset` and
 * `/existing_password/reset`); the backend equivalents reuse them when they are added. Rules mirror the
 * consumer ones (domain/passwords/reset-*.ts) on members.
 *
 * @module
 */
import type { MemberRecord } from '../../../store/b2b-records.js';
import type { ProjectContext } from '../../context.js';
import { ApiError } from '../../errors.js';
import { CLEAR_LOCKOUT } from '../../passwords/lockout.js';
import { assertStrongPassword, newPasswordRecord } from '../../passwords/password-policy.js';
import { verifyPasswordWithLockout } from '../../passwords/verify-password-with-lockout.js';
import { newFactor } from '../../sessions/session-view.js';
import { checkSessionOptions } from '../../sessions/start-session.js';
import { normalizeEmail } from '../../validate.js';
import { memberPasswordId } from '../members/validate-member.js';
import { getOrganization } from '../organizations/get-organization.js';
import { authenticateMemberSession } from '../sessions/authenticate-member-session.js';
import { liveMemberSession } from '../sessions/live-member-session.js';
import { missingSteps, pendingAuthentication } from '../sessions/pending-authentication.js';
import { sessionSubject } from '../sessions/session-subject.js';
import { startMemberSession, type MemberSessionOptions } from '../sessions/start-member-session.js';

/** Factors that prove control of the account recently enough to set a new password (as for users). */
const RESET_FACTORS = new Set(['password', 'magic_link', 'email_otp']);
const RECENT_MS = 5 * 60_000;

export async function newMemberPassword(ctx: ProjectContext, member: MemberRecord, password: string) {
  assertStrongPassword(password, member.email_address);
  const record = await newPasswordRecord(ctx, password);
  return { ...record, password_id: member.password?.password_id ?? memberPasswordId(ctx.project.env) };
}

/** A reset proves the member: any lock and failed-attempt count end (best effort when raced). */
export async function clearLockout(ctx: ProjectContext, memberId: string): Promise<void> {
  const state = await ctx.stores.members.lockoutState(ctx.project.project_id, memberId);
  if (state) await ctx.stores.members.compareAndSetLockout(ctx.project.project_id, memberId, state, CLEAR_LOCKOUT);
}

export interface ResetMemberBySessionInput extends MemberSessionOptions {
  password: string;
}

/**
 * Sets a new password for the session's member, provided the session authenticated a password, email magic
 * link or email OTP in the last 5 minutes (`session_too_old_to_reset_password` otherwise). The member's
 * other sessions are revoked (after the password is stored: not one transaction, so a session started in
 * between survives; the password change itself is atomic); this one is kept and answered.
 */
export async function resetMemberPasswordBySession(ctx: ProjectContext, input: ResetMemberBySessionInput) {
  checkSessionOptions(input);
  const now = ctx.clock();
  const projectId = ctx.project.project_id;
  const current = await liveMemberSession(ctx, input);
  const recent = current.factors.some((f) => RESET_FACTORS.has(f.type) && now - f.last_authenticated_at <= RECENT_MS);
  if (!recent) throw new ApiError('session_too_old_to_reset_password');
  const { member } = await sessionSubject(ctx, current);
  const password = await newMemberPassword(ctx, member, input.password);
  if (!(await ctx.stores.members.update(projectId, member.member_id, { password, updated_at: now }))) throw new ApiError('member_not_found');
  await clearLockout(ctx, member.member_id);
  for (const s of await ctx.stores.memberSessions.listLive(projectId, member.member_id, now)) {
    if (s.member_session_id !== current.member_session_id) await ctx.stores.memberSessions.revoke(projectId, { sessionId: s.member_session_id }, now);
  }
  const outcome = await authenticateMemberSession(ctx, input);
  return { member: outcome.member, organization: outcome.organization, outcome };
}

export interface ResetExistingMemberPasswordInput extends MemberSessionOptions {
  organization_id: string;
  email_address: string;
  existing_password: string;
  new_password: string;
}

/**
 * The current password proves the member (with the lockout policy); the new one must pass the strength
 * policy. Every session of the member is revoked with the change; a new one is started (60 minutes unless
 * told otherwise), or an intermediate session when the organization's MFA policy asks for more.
 */
export async function resetExistingMemberPassword(ctx: ProjectContext, input: ResetExistingMemberPasswordInput) {
  const email = normalizeEmail(input.email_address);
  checkSessionOptions(input);
  const organization = await getOrganization(ctx, input.organization_id);
  const projectId = ctx.project.project_id;
  const found = await ctx.stores.members.byEmail(projectId, organization.organization_id, email);
  if (!found) throw new ApiError('member_not_found');
  await verifyPasswordWithLockout(ctx, ctx.stores.members, { ...found, id: found.member_id }, input.existing_password, 'member_password_not_found');
  const now = ctx.clock();
  const password = await newMemberPassword(ctx, found, input.new_password);
  const member = await ctx.stores.members.update(projectId, found.member_id, { password, updated_at: now }, { revokeSessionsAt: now });
  if (!member) throw new ApiError('member_not_found');
  const factor = newFactor('password', 'knowledge', now);
  const steps = missingSteps(organization, member, [factor]);
  if (steps) return { member, organization, outcome: await pendingAuthentication(ctx, member, organization, steps, [factor]) };
  const { session_token: _t, session_jwt: _j, ...opts } = input;
  return { member, organization, outcome: await startMemberSession(ctx, member, organization, [factor], opts) };
}
