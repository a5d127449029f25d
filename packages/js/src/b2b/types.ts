/**
 * Request and response shapes of the B2B frontend API (`/sdk/v1/b2b/...`), as the client returns them.
 *
 * @module
 */
import type { LUDSRequirements, Member, MemberSession, Organization } from '@tessera/core';
import type { ResponseCommon } from '../types.js';

export type { Member, MemberSession, Organization, ResponseCommon };

/** The B2B state: the member session, its member and organization. */
export interface B2BState {
  session: MemberSession;
  member: Member;
  organization: Organization;
}

export interface MemberResponse extends ResponseCommon {
  member_id: string;
  member: Member;
  organization: Organization;
}

export interface B2BSessionAuthenticateResponse extends MemberResponse {
  member_session: MemberSession;
  session_token: string;
  session_jwt: string;
}

/** A login; without a full session (MFA still due) `member_session` is null and an intermediate token is set. */
export interface B2BAuthenticateResponse extends MemberResponse {
  organization_id: string;
  member_session: MemberSession | null;
  session_token: string;
  session_jwt: string;
  member_authenticated: boolean;
  intermediate_session_token: string;
  mfa_required: unknown;
  primary_required: unknown;
}

export interface B2BPasswordStrengthCheckResponse extends ResponseCommon {
  valid_password: boolean;
  score: number;
  breached_password: boolean;
  strength_policy: string;
  breach_detection_on_create: boolean;
  zxcvbn_feedback: { warning: string; suggestions: string[] };
  luds_feedback?: LUDSRequirements;
}

export interface MemberSearchResponse extends ResponseCommon {
  members: Member[];
  results_metadata: { total: number; next_cursor: string | null };
  organizations: Record<string, Organization>;
}

export interface MemberSearchOptions {
  cursor?: string;
  limit?: number;
  query?: { operator: 'AND' | 'OR'; operands: Array<{ filter_name: string; filter_value: unknown }> };
}

export interface OrganizationResponse extends ResponseCommon {
  organization: Organization;
}
