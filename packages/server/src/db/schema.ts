/**
 * Row types of Tessera's tables, as Kysely sees them. Dialect-neutral on purpose: timestamps are epoch
 * milliseconds (integers), booleans are 0/1 integers, JSON is text, hashes are base64url text. That keeps
 * one query layer valid for SQLite and PostgreSQL.
 *
 * @module
 */
import type { Generated } from 'kysely';

export interface ProjectsTable {
  project_id: string;
  env: 'test' | 'live';
  name: string;
  created_at: number;
}

export interface ProjectSecretsTable {
  secret_id: string;
  project_id: string;
  /** base64url SHA-256 of the secret; the secret itself is never stored. */
  secret_hash: string;
  last_four: string;
  created_at: number;
}

export interface PublicTokensTable {
  public_token: string;
  project_id: string;
  created_at: number;
}

export interface SigningKeysTable {
  kid: string;
  project_id: string;
  /** The public JWK (JSON text), served by JWKS while the key is published. */
  public_jwk: string;
  /** PKCS#8 private key, AES-256-GCM encrypted under a key derived from the master key. */
  private_key: string;
  created_at: number;
  /** When the key starts signing; it stops when a newer key activates. */
  activates_at: number;
}

export interface UsersTable {
  user_id: string;
  project_id: string;
  external_id: string | null;
  status: 'active' | 'pending';
  first_name: string;
  middle_name: string;
  last_name: string;
  trusted_metadata: string;
  untrusted_metadata: string;
  roles: string;
  created_at: number;
  password_id: string | null;
  password_hash: string | null;
  password_requires_reset: number;
  failed_attempts: number;
  failed_window_started_at: number | null;
  lock_created_at: number | null;
  lock_expires_at: number | null;
}

export interface UserEmailsTable {
  email_id: string;
  project_id: string;
  user_id: string;
  /** Lower-cased; unique per project. */
  email: string;
  verified: number;
  created_at: number;
}

export interface UserPhonesTable {
  phone_id: string;
  project_id: string;
  user_id: string;
  phone_number: string;
  verified: number;
  created_at: number;
}

export interface SessionsTable {
  session_id: string;
  project_id: string;
  user_id: string;
  /** base64url SHA-256 of the session token; the token is derived, never stored (see crypto/session-token.ts). */
  token_hash: string;
  /** Random per-session salt the token is derived from. */
  token_salt: string;
  started_at: number;
  last_accessed_at: number;
  expires_at: number;
  revoked_at: number | null;
  attributes: string;
  factors: string;
  custom_claims: string;
  /** Bumped on every change to claims or factors, for optimistic concurrency. */
  version: Generated<number>;
}

/** A project's mail templates (migration 0008_mail_templates). */
export interface MailTemplatesTable {
  project_id: string;
  template_id: string;
  kind: string;
  subject: string;
  text: string;
  html: string | null;
  updated_at: number;
}

export interface Database {
  projects: ProjectsTable;
  project_secrets: ProjectSecretsTable;
  public_tokens: PublicTokensTable;
  signing_keys: SigningKeysTable;
  users: UsersTable;
  user_emails: UserEmailsTable;
  user_phones: UserPhonesTable;
  sessions: SessionsTable;
}

// --- B2B --- (tables of migration 0003_b2b; `Database` below merges into the interface above)

export interface OrganizationsTable {
  organization_id: string;
  project_id: string;
  organization_name: string;
  /** Unique per project. */
  organization_slug: string;
  /** Unique per project when set. */
  organization_external_id: string | null;
  organization_logo_url: string;
  trusted_metadata: string;
  /** JSON of the authentication and RBAC settings (sso/email JIT, invites, auth and MFA methods, ...). */
  settings: string;
  /** JSON arrays kept in their own columns so that organization search can match them with LIKE. */
  email_allowed_domains: string;
  claimed_email_domains: string;
  /** JSON of the organization's custom RBAC roles. */
  custom_roles: string;
  created_at: number;
  updated_at: number;
}

/** Password and lockout columns are the users table's (db/kysely/lockout.ts serves both). */
export interface MembersTable extends Pick<UsersTable, 'trusted_metadata' | 'untrusted_metadata' | 'roles' | 'created_at' | PasswordColumn> {
  member_id: string;
  project_id: string;
  organization_id: string;
  /** Lower-cased; unique per organization among members that are not deleted. */
  email_address: string;
  status: 'active' | 'pending' | 'invited' | 'deleted';
  name: string;
  external_id: string | null;
  is_breakglass: number;
  mfa_enrolled: number;
  mfa_phone_number: string;
  mfa_phone_number_verified: number;
  default_mfa_method: string;
  email_address_verified: number;
  updated_at: number;
}

export type PasswordColumn =
  | 'password_id'
  | 'password_hash'
  | 'password_requires_reset'
  | 'failed_attempts'
  | 'failed_window_started_at'
  | 'lock_created_at'
  | 'lock_expires_at';

/** The consumer session columns (token derived and hashed the same way), keyed to a member and its organization. */
export interface MemberSessionsTable extends Omit<SessionsTable, 'session_id' | 'user_id' | 'attributes'> {
  member_session_id: string;
  organization_id: string;
  member_id: string;
}

export interface RbacPoliciesTable {
  /** One policy per project; a project without a row uses Tessera's default B2B policy. */
  project_id: string;
  /** JSON `{ roles, resources, scopes }` as set (the stytch.* resources are added when read). */
  policy: string;
  updated_at: number;
}

export interface Database {
  organizations: OrganizationsTable;
  members: MembersTable;
  member_sessions: MemberSessionsTable;
  rbac_policies: RbacPoliciesTable;
}

// --- server metadata --- (migration 0004_server_meta)

/** Facts about the deployment rather than a project, by name (e.g. `master_key_check`). */
export interface ServerMetaTable {
  name: string;
  value: string;
}

export interface Database {
  server_meta: ServerMetaTable;
}

// --- frontend API (/sdk/v1) --- (tables of migration 0005_sdk)

export interface ProjectOriginsTable {
  project_id: string;
  /** Normalized `scheme://host[:port]` (what browsers send in `Origin`). */
  origin: string;
  created_at: number;
}

export interface ProjectSdkSettingsTable {
  /** A project without a row has the defaults: no HttpOnly cookies, vertical CONSUMER. */
  project_id: string;
  http_only_cookies: number;
  vertical: 'CONSUMER' | 'B2B';
  updated_at: number;
}

export interface Database {
  project_origins: ProjectOriginsTable;
  project_sdk_settings: ProjectSdkSettingsTable;
}

// --- revocation feed --- (migration 0006_revocations)

/** Sessions removed by a delete (user, organization), kept for the feed's retain window. */
export interface SessionRevocationsTable {
  /** A consumer session_id or a member_session_id. */
  session_id: string;
  project_id: string;
  revoked_at: number;
}

export interface Database {
  session_revocations: SessionRevocationsTable;
}

// --- passwordless and email --- (tables of migration 0007_email)

export interface OneTimeTokensTable {
  token_id: string;
  project_id: string;
  purpose: string;
  /** HMAC-SHA256 of the token or code under the project's token key; never the token itself. */
  token_hash: string;
  method_id: string | null;
  subject_id: string | null;
  organization_id: string | null;
  email: string;
  /** JSON. */
  data: string;
  pkce_challenge: string | null;
  attempts: number;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface OutboxTable {
  message_id: string;
  project_id: string;
  kind: string;
  recipient: string;
  /** AES-256-GCM sealed JSON of the message under a key derived from the master key; '' once sent. */
  payload: string;
  status: 'local' | 'queued' | 'sent' | 'failed';
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
  expires_at: number;
}

/** Fixed-window counters: one row per project and bucket (endpoint, or endpoint and identifier hash). */
export interface RateLimitsTable {
  project_id: string;
  bucket: string;
  window_start: number;
  count: number;
}

/** A project's mail defaults; a project without a row has none. */
export interface ProjectMailSettingsTable {
  project_id: string;
  login_redirect_url: string | null;
  signup_redirect_url: string | null;
  invite_redirect_url: string | null;
  reset_redirect_url: string | null;
  discovery_redirect_url: string | null;
  from_address: string | null;
  updated_at: number;
}

export interface Database {
  project_mail_settings: ProjectMailSettingsTable;
  mail_templates: MailTemplatesTable;
  one_time_tokens: OneTimeTokensTable;
  outbox: OutboxTable;
  rate_limits: RateLimitsTable;
}

// --- test clock --- (migration 0009_test_clock)

/** How far a test project's time runs ahead of the server's (issue #16); no row: offset 0. */
export interface ProjectClocksTable {
  project_id: string;
  offset_ms: number;
  updated_at: number;
}

export interface Database {
  project_clocks: ProjectClocksTable;
}

// --- admin console --- (migration 0011_admin)

export interface AdminAccountsTable {
  admin_id: string;
  username: string;
  password_hash: string;
  created_at: number;
  failed_attempts: number;
  failed_window_started_at: number | null;
  lock_created_at: number | null;
  lock_expires_at: number | null;
}

export interface AdminSessionsTable {
  session_hash: string;
  admin_id: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  ip: string | null;
  user_agent: string | null;
}

export interface Database {
  admin_accounts: AdminAccountsTable;
  admin_sessions: AdminSessionsTable;
}

// --- audit log --- (migration 0012_audit_log)

export interface AuditLogTable {
  audit_id: string;
  at: number;
  actor_type: string;
  actor_id: string;
  project_id: string | null;
  action: string;
  target: string | null;
  ip: string | null;
  request_id: string | null;
  status: number;
  details: string;
}

export interface Database {
  audit_log: AuditLogTable;
}
