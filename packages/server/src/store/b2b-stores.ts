/**
 * The storage interfaces of B2B: organizations, members, member sessions and the project RBAC policy.
 * Narrow and named for what the domain does, like the consumer ones in `stores.ts`; each method is atomic,
 * and a write that spans tables (deleting an organization, deleting a member) is one transaction.
 *
 * @module
 */
import type { JsonObject } from '@tessera/core';
import type { MemberRecord, MemberSessionRecord, MemberStatus, OrganizationRecord, OrganizationSettings, RbacPolicy, RbacRole } from './b2b-records.js';
import type { LockoutState, PasswordRecord } from './records.js';
import type { LiveSessionStore, SessionKey } from './session-stores.js';

/** A unique constraint a B2B write would break; the domain maps it to a Stytch error type. */
export class B2BConflictError extends Error {
  constructor(readonly field: 'organization_slug' | 'organization_external_id' | 'member_email' | 'member_external_id') {
    super(`unique ${field} already used`);
    this.name = 'B2BConflictError';
  }
}

/** Keyset pagination over (created_at, id), oldest first; `limit` rows at most. */
export interface SearchPage {
  operator: 'AND' | 'OR';
  after: { created_at: number; id: string } | null;
  limit: number;
}

export type OrganizationSearchOperand =
  | { kind: 'organization_ids'; values: string[] }
  | { kind: 'organization_slugs'; values: string[] }
  | { kind: 'organization_name_fuzzy'; value: string }
  | { kind: 'organization_slug_fuzzy'; value: string }
  | { kind: 'member_emails'; values: string[] }
  | { kind: 'member_email_fuzzy'; value: string }
  | { kind: 'allowed_domains'; values: string[] }
  | { kind: 'allowed_domain_fuzzy'; value: string }
  | { kind: 'claimed_email_domains'; values: string[] }
  /** A filter on something Tessera does not model yet (SSO connections): matches nothing, or everything. */
  | { kind: 'never' }
  | { kind: 'always' };

export interface OrganizationSearch extends SearchPage {
  operands: OrganizationSearchOperand[];
}

export interface OrganizationPatch {
  organization_name?: string;
  organization_slug?: string;
  organization_external_id?: string | null;
  organization_logo_url?: string;
  trusted_metadata?: JsonObject;
  settings?: OrganizationSettings;
  email_allowed_domains?: string[];
  claimed_email_domains?: string[];
  custom_roles?: RbacRole[];
  updated_at: number;
}

export interface OrganizationStore {
  /** Throws B2BConflictError on a taken slug or external id. */
  insert(org: OrganizationRecord): Promise<void>;
  /** By organization_id, else slug, else external id. */
  get(projectId: string, ref: string): Promise<OrganizationRecord | null>;
  /** The organizations with these ids (unknown ids are skipped). */
  getMany(projectId: string, organizationIds: string[]): Promise<OrganizationRecord[]>;
  /** Throws B2BConflictError on a taken slug or external id; null if unknown. */
  update(projectId: string, organizationId: string, patch: OrganizationPatch): Promise<OrganizationRecord | null>;
  /**
   * Deletes the organization with its members and their sessions, in one transaction; the sessions whose
   * JWTs could still verify go to the revocation feed (revoked at `now`, default the system clock).
   */
  delete(projectId: string, organizationId: string, now?: number): Promise<boolean>;
  search(projectId: string, query: OrganizationSearch): Promise<{ organizations: OrganizationRecord[]; total: number }>;
}

export type MemberSearchOperand =
  | { kind: 'member_ids'; values: string[] }
  | { kind: 'member_emails'; values: string[] }
  | { kind: 'member_email_fuzzy'; value: string }
  | { kind: 'member_is_breakglass'; value: boolean }
  | { kind: 'statuses'; values: string[] }
  | { kind: 'member_phone_numbers'; values: string[] }
  | { kind: 'member_phone_number_fuzzy'; value: string }
  | { kind: 'member_roles'; values: string[] }
  | { kind: 'member_password_exists'; value: boolean };

export interface MemberSearch extends SearchPage {
  organizationIds: string[];
  operands: MemberSearchOperand[];
  /** Without a `statuses` operand, deleted members are left out (Stytch's documented default). */
  includeDeleted: boolean;
}

export interface MemberPatch {
  name?: string;
  email_address?: string;
  email_address_verified?: boolean;
  external_id?: string | null;
  trusted_metadata?: JsonObject;
  untrusted_metadata?: JsonObject;
  roles?: string[];
  is_breakglass?: boolean;
  mfa_enrolled?: boolean;
  mfa_phone_number?: string;
  default_mfa_method?: string;
  status?: MemberStatus;
  password?: PasswordRecord | null;
  updated_at: number;
}

export interface MemberStore {
  /** Throws B2BConflictError on an email or external id already used in the organization. */
  insert(member: MemberRecord): Promise<void>;
  /** By member_id or external_id within the organization; deleted members only when asked. */
  get(projectId: string, organizationId: string, ref: string, opts?: { includeDeleted?: boolean }): Promise<MemberRecord | null>;
  /** The member of the organization with this (lower-cased) email that is not deleted. */
  byEmail(projectId: string, organizationId: string, email: string): Promise<MemberRecord | null>;
  /** By member_id in any organization of the project, deleted members included. */
  byId(projectId: string, memberId: string): Promise<MemberRecord | null>;
  /**
   * Applies the patch; with `revokeSessionsAt`, revokes every live session of the member in the same
   * transaction. Throws B2BConflictError on a taken email or external id; null if unknown.
   */
  update(projectId: string, memberId: string, patch: MemberPatch, opts?: { revokeSessionsAt?: number }): Promise<MemberRecord | null>;
  search(projectId: string, query: MemberSearch): Promise<{ members: MemberRecord[]; total: number }>;
  /** Members of the organization that are not deleted. */
  count(projectId: string, organizationId: string): Promise<number>;
  lockoutState(projectId: string, memberId: string): Promise<LockoutState | null>;
  compareAndSetLockout(projectId: string, memberId: string, expected: LockoutState, next: LockoutState): Promise<boolean>;
  upgradePasswordHash(projectId: string, memberId: string, previous: string, next: string): Promise<void>;
}

export type MemberSessionKey = SessionKey;

/** Member sessions: the consumer session lifecycle (see `LiveSessionStore`) in their own table. */
export interface MemberSessionStore extends LiveSessionStore<MemberSessionRecord> {
  /** Revokes every live session of the member; returns how many. */
  revokeAllForMember(projectId: string, memberId: string, now: number): Promise<number>;
}

export interface RbacPolicyStore {
  /** The project's own policy, or null when it uses Tessera's default. */
  get(projectId: string): Promise<RbacPolicy | null>;
  set(projectId: string, policy: RbacPolicy, now: number): Promise<void>;
}
