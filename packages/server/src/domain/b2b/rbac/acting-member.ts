/**
 * The `X-Stytch-Member-Session` / `X-Stytch-Member-SessionJWT` headers on organization and member
 * mutations: the call then runs with that member's permissions (Stytch's B2B API). Without them the
 * project secret alone authorizes the call, as with Stytch.
 *
 * @module
 */
import type { MemberRecord, OrganizationRecord } from '../../../store/b2b-records.js';
import type { ProjectContext } from '../../context.js';
import { ApiError } from '../../errors.js';
import { liveMemberSession, type MemberSessionCredentials } from '../sessions/live-member-session.js';
import { sessionSubject } from '../sessions/session-subject.js';
import { authorizeMember, type Permission } from './authorize-member.js';

/** An action the call performs; `onMember`: the member it acts on, for the `stytch.self` alternative. */
export interface Need extends Permission {
  onMember?: string;
}

export const hasCredentials = (creds: MemberSessionCredentials): boolean => Boolean(creds.session_token || creds.session_jwt);

/**
 * Checks every need against the acting member's roles in `organization` (403 when one is missing, or when
 * the session belongs to another organization) and returns the acting member, or null without headers.
 * The session is only read, not touched.
 */
export async function authorizeActingMember(ctx: ProjectContext, creds: MemberSessionCredentials, organization: OrganizationRecord, needs: Need[]): Promise<MemberRecord | null> {
  if (!hasCredentials(creds)) return null;
  const { member } = await sessionSubject(ctx, await liveMemberSession(ctx, creds));
  for (const need of needs) await authorizeMember(ctx, member, organization, need, need.onMember === member.member_id);
  return member;
}

/** Refuses a field the secret may set but a member never may (`trusted_metadata`). */
export function refuseWhenActing(acting: MemberRecord | null, given: unknown, type: 'cannot_update_trusted_metadata'): void {
  if (acting && given !== undefined) throw new ApiError(type);
}
