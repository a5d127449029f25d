/**
 * Schema migrations, written once with Kysely's schema builder so SQLite and PostgreSQL share them.
 * Names sort in application order. Never edit a released migration; add a new one.
 *
 * @module
 */
import { sql, type Kysely, type Migration } from 'kysely';

// Epoch milliseconds do not fit PostgreSQL's 4-byte integer; `bigint` is INTEGER affinity in SQLite.
const ms = 'bigint' as const;

export const migrations: Record<string, Migration> = {
  '0001_projects': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('projects')
        .addColumn('project_id', 'text', (c) => c.primaryKey())
        .addColumn('env', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', ms, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('project_secrets')
        .addColumn('secret_id', 'text', (c) => c.primaryKey())
        .addColumn('project_id', 'text', (c) => c.notNull().references('projects.project_id').onDelete('cascade'))
        .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
        .addColumn('last_four', 'text', (c) => c.notNull())
        .addColumn('created_at', ms, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('project_secrets_project').on('project_secrets').column('project_id').execute();
      await db.schema
        .createTable('public_tokens')
        .addColumn('public_token', 'text', (c) => c.primaryKey())
        .addColumn('project_id', 'text', (c) => c.notNull().references('projects.project_id').onDelete('cascade'))
        .addColumn('created_at', ms, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('signing_keys')
        .addColumn('kid', 'text', (c) => c.primaryKey())
        .addColumn('project_id', 'text', (c) => c.notNull().references('projects.project_id').onDelete('cascade'))
        .addColumn('public_jwk', 'text', (c) => c.notNull())
        .addColumn('private_key', 'text', (c) => c.notNull())
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('activates_at', ms, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('signing_keys_project').on('signing_keys').columns(['project_id', 'activates_at']).execute();
    },
  },
  '0002_users_sessions': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('users')
        .addColumn('user_id', 'text', (c) => c.primaryKey())
        .addColumn('project_id', 'text', (c) => c.notNull().references('projects.project_id').onDelete('cascade'))
        .addColumn('external_id', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('first_name', 'text', (c) => c.notNull())
        .addColumn('middle_name', 'text', (c) => c.notNull())
        .addColumn('last_name', 'text', (c) => c.notNull())
        .addColumn('trusted_metadata', 'text', (c) => c.notNull())
        .addColumn('untrusted_metadata', 'text', (c) => c.notNull())
        .addColumn('roles', 'text', (c) => c.notNull())
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('password_id', 'text')
        .addColumn('password_hash', 'text')
        .addColumn('password_requires_reset', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('failed_window_started_at', ms)
        .addColumn('lock_created_at', ms)
        .addColumn('lock_expires_at', ms)
        .execute();
      await db.schema.createIndex('users_project_created').on('users').columns(['project_id', 'created_at', 'user_id']).execute();
      await db.schema.createIndex('users_project_external').on('users').columns(['project_id', 'external_id']).unique().execute();
      await db.schema
        .createTable('user_emails')
        .addColumn('email_id', 'text', (c) => c.primaryKey())
        .addColumn('project_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.user_id').onDelete('cascade'))
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('verified', 'integer', (c) => c.notNull())
        .addColumn('created_at', ms, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('user_emails_project_email').on('user_emails').columns(['project_id', 'email']).unique().execute();
      await db.schema.createIndex('user_emails_user').on('user_emails').column('user_id').execute();
      await db.schema
        .createTable('user_phones')
        .addColumn('phone_id', 'text', (c) => c.primaryKey())
        .addColumn('project_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.user_id').onDelete('cascade'))
        .addColumn('phone_number', 'text', (c) => c.notNull())
        .addColumn('verified', 'integer', (c) => c.notNull())
        .addColumn('created_at', ms, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('user_phones_project_phone').on('user_phones').columns(['project_id', 'phone_number']).unique().execute();
      await db.schema.createIndex('user_phones_user').on('user_phones').column('user_id').execute();
      await db.schema
        .createTable('sessions')
        .addColumn('session_id', 'text', (c) => c.primaryKey())
        .addColumn('project_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.user_id').onDelete('cascade'))
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('token_salt', 'text', (c) => c.notNull())
        .addColumn('started_at', ms, (c) => c.notNull())
        .addColumn('last_accessed_at', ms, (c) => c.notNull())
        .addColumn('expires_at', ms, (c) => c.notNull())
        .addColumn('revoked_at', ms)
        .addColumn('attributes', 'text', (c) => c.notNull())
        .addColumn('factors', 'text', (c) => c.notNull())
        .addColumn('custom_claims', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').columns(['user_id', 'expires_at']).execute();
      await db.schema.createIndex('sessions_expiry').on('sessions').column('expires_at').execute();
    },
  },
  // --- B2B ---
  '0003_b2b': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('organizations')
        .addColumn('organization_id', 'text', (c) => c.primaryKey())
        .addColumn('project_id', 'text', (c) => c.notNull().references('projects.project_id').onDelete('cascade'))
        .addColumn('organization_name', 'text', (c) => c.notNull())
        .addColumn('organization_slug', 'text', (c) => c.notNull())
        .addColumn('organization_external_id', 'text')
        .addColumn('organization_logo_url', 'text', (c) => c.notNull())
        .addColumn('trusted_metadata', 'text', (c) => c.notNull())
        .addColumn('settings', 'text', (c) => c.notNull())
        .addColumn('email_allowed_domains', 'text', (c) => c.notNull())
        .addColumn('claimed_email_domains', 'text', (c) => c.notNull())
        .addColumn('custom_roles', 'text', (c) => c.notNull())
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('updated_at', ms, (c) => c.notNull())
        .execute();
      // Index names carry the column they protect: the store maps a violation to its error by that name.
      await db.schema.createIndex('organizations_project_organization_slug').on('organizations').columns(['project_id', 'organization_slug']).unique().execute();
      await db.schema
        .createIndex('organizations_project_organization_external_id')
        .on('organizations')
        .columns(['project_id', 'organization_external_id'])
        .unique()
        .execute();
      await db.schema.createIndex('organizations_project_created').on('organizations').columns(['project_id', 'created_at', 'organization_id']).execute();
      await db.schema
        .createTable('members')
        .addColumn('member_id', 'text', (c) => c.primaryKey())
        .addColumn('project_id', 'text', (c) => c.notNull())
        .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.organization_id').onDelete('cascade'))
        .addColumn('email_address', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('external_id', 'text')
        .addColumn('trusted_metadata', 'text', (c) => c.notNull())
        .addColumn('untrusted_metadata', 'text', (c) => c.notNull())
        .addColumn('roles', 'text', (c) => c.notNull())
        .addColumn('is_breakglass', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('mfa_enrolled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('mfa_phone_number', 'text', (c) => c.notNull())
        .addColumn('mfa_phone_number_verified', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('default_mfa_method', 'text', (c) => c.notNull())
        .addColumn('email_address_verified', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('password_id', 'text')
        .addColumn('password_hash', 'text')
        .addColumn('password_requires_reset', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('failed_window_started_at', ms)
        .addColumn('lock_created_at', ms)
        .addColumn('lock_expires_at', ms)
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('updated_at', ms, (c) => c.notNull())
        .execute();
      // A deleted member keeps its row (reactivate, dangerously_get) but frees its email and external id.
      await db.schema
        .createIndex('members_organization_email_address')
        .on('members')
        .columns(['organization_id', 'email_address'])
        .unique()
        .where(sql<boolean>`status <> 'deleted'`)
        .execute();
      await db.schema
        .createIndex('members_organization_member_external_id')
        .on('members')
        .columns(['organization_id', 'external_id'])
        .unique()
        .where(sql<boolean>`status <> 'deleted'`)
        .execute();
      await db.schema.createIndex('members_project_created').on('members').columns(['project_id', 'created_at', 'member_id']).execute();
      await db.schema.createIndex('members_project_email').on('members').columns(['project_id', 'email_address']).execute();
      await db.schema
        .createTable('member_sessions')
        .addColumn('member_session_id', 'text', (c) => c.primaryKey())
        .addColumn('project_id', 'text', (c) => c.notNull())
        .addColumn('organization_id', 'text', (c) => c.notNull())
        .addColumn('member_id', 'text', (c) => c.notNull().references('members.member_id').onDelete('cascade'))
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('token_salt', 'text', (c) => c.notNull())
        .addColumn('started_at', ms, (c) => c.notNull())
        .addColumn('last_accessed_at', ms, (c) => c.notNull())
        .addColumn('expires_at', ms, (c) => c.notNull())
        .addColumn('revoked_at', ms)
        .addColumn('factors', 'text', (c) => c.notNull())
        .addColumn('custom_claims', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('member_sessions_member').on('member_sessions').columns(['member_id', 'expires_at']).execute();
      await db.schema.createIndex('member_sessions_expiry').on('member_sessions').column('expires_at').execute();
      await db.schema
        .createTable('rbac_policies')
        .addColumn('project_id', 'text', (c) => c.primaryKey().references('projects.project_id').onDelete('cascade'))
        .addColumn('policy', 'text', (c) => c.notNull())
        .addColumn('updated_at', ms, (c) => c.notNull())
        .execute();
    },
  },
  // The master key check value (see `crypto/master-key.ts`), so a wrong or missing key is refused at start.
  '0004_server_meta': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('server_meta')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
  },
  // The frontend API (/sdk/v1): per-project allowed origins and settings (HttpOnly session cookies, vertical).
  '0005_sdk': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('project_origins')
        .addColumn('project_id', 'text', (c) => c.notNull().references('projects.project_id').onDelete('cascade'))
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('created_at', ms, (c) => c.notNull())
        .addPrimaryKeyConstraint('project_origins_pk', ['project_id', 'origin'])
        .execute();
      // Preflights are judged by origin alone (they carry no credentials): "is this origin listed anywhere".
      await db.schema.createIndex('project_origins_origin').on('project_origins').column('origin').execute();
      await db.schema
        .createTable('project_sdk_settings')
        .addColumn('project_id', 'text', (c) => c.primaryKey().references('projects.project_id').onDelete('cascade'))
        .addColumn('http_only_cookies', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('vertical', 'text', (c) => c.notNull().defaultTo('CONSUMER'))
        .addColumn('updated_at', ms, (c) => c.notNull())
        .execute();
    },
  },
  // The revocation feed (issue #15): revoked sessions by time, from both session tables, plus the sessions
  // a delete removed (user or organization delete), which keep their revocation here for the retain window.
  '0006_revocations': {
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex('sessions_project_revoked').on('sessions').columns(['project_id', 'revoked_at']).execute();
      await db.schema.createIndex('member_sessions_project_revoked').on('member_sessions').columns(['project_id', 'revoked_at']).execute();
      await db.schema
        .createTable('session_revocations')
        .addColumn('session_id', 'text', (c) => c.primaryKey())
        .addColumn('project_id', 'text', (c) => c.notNull())
        .addColumn('revoked_at', ms, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('session_revocations_project_revoked').on('session_revocations').columns(['project_id', 'revoked_at']).execute();
      await db.schema.createIndex('session_revocations_revoked').on('session_revocations').column('revoked_at').execute();
    },
  },
  // Passwordless and email (issue #16): one-time tokens (hashed), the mail outbox (sealed) and rate limits.
  '0007_email': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('one_time_tokens')
        .addColumn('token_id', 'text', (c) => c.primaryKey())
        .addColumn('project_id', 'text', (c) => c.notNull().references('projects.project_id').onDelete('cascade'))
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull())
        .addColumn('method_id', 'text')
        .addColumn('subject_id', 'text')
        .addColumn('organization_id', 'text')
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('pkce_challenge', 'text')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('expires_at', ms, (c) => c.notNull())
        .addColumn('used_at', ms)
        .execute();
      await db.schema.createIndex('one_time_tokens_hash').on('one_time_tokens').columns(['token_hash']).execute();
      await db.schema.createIndex('one_time_tokens_method').on('one_time_tokens').columns(['project_id', 'purpose', 'method_id']).execute();
      await db.schema.createIndex('one_time_tokens_subject').on('one_time_tokens').columns(['project_id', 'purpose', 'subject_id']).execute();
      await db.schema.createIndex('one_time_tokens_expiry').on('one_time_tokens').column('expires_at').execute();
      await db.schema
        .createTable('outbox')
        .addColumn('message_id', 'text', (c) => c.primaryKey())
        .addColumn('project_id', 'text', (c) => c.notNull().references('projects.project_id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('recipient', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', ms, (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('sent_at', ms)
        .addColumn('expires_at', ms, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();
      await db.schema.createIndex('outbox_project').on('outbox').columns(['project_id', 'created_at']).execute();
      await db.schema
        .createTable('rate_limits')
        .addColumn('project_id', 'text', (c) => c.notNull().references('projects.project_id').onDelete('cascade'))
        .addColumn('bucket', 'text', (c) => c.notNull())
        .addColumn('window_start', ms, (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('rate_limits_pk', ['project_id', 'bucket'])
        .execute();
      await db.schema
        .createTable('project_mail_settings')
        .addColumn('project_id', 'text', (c) => c.primaryKey().references('projects.project_id').onDelete('cascade'))
        .addColumn('login_redirect_url', 'text')
        .addColumn('signup_redirect_url', 'text')
        .addColumn('invite_redirect_url', 'text')
        .addColumn('reset_redirect_url', 'text')
        .addColumn('discovery_redirect_url', 'text')
        .addColumn('from_address', 'text')
        .addColumn('updated_at', ms, (c) => c.notNull())
        .execute();
    },
  },
  // Per-project mail templates (issue #16): text and HTML with placeholders, by template id.
  '0008_mail_templates': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('mail_templates')
        .addColumn('project_id', 'text', (c) => c.notNull().references('projects.project_id').onDelete('cascade'))
        .addColumn('template_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('html', 'text')
        .addColumn('updated_at', ms, (c) => c.notNull())
        .addPrimaryKeyConstraint('mail_templates_pk', ['project_id', 'template_id'])
        .execute();
    },
  },
  // The per-project test clock (issue #16): a test project's offset from the server's clock, in ms.
  '0009_test_clock': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('project_clocks')
        .addColumn('project_id', 'text', (c) => c.primaryKey().references('projects.project_id').onDelete('cascade'))
        .addColumn('offset_ms', ms, (c) => c.notNull())
        .addColumn('updated_at', ms, (c) => c.notNull())
        .execute();
    },
  },
  // The admin console (issue #19): operator accounts and their console sessions. Passwords are argon2id
  // hashes; a session row holds the SHA-256 of its cookie's token, never the token.
  '0011_admin': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('admin_accounts')
        .addColumn('admin_id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('failed_window_started_at', ms)
        .addColumn('lock_created_at', ms)
        .addColumn('lock_expires_at', ms)
        .execute();
      await db.schema
        .createTable('admin_sessions')
        .addColumn('session_hash', 'text', (c) => c.primaryKey())
        .addColumn('admin_id', 'text', (c) => c.notNull().references('admin_accounts.admin_id').onDelete('cascade'))
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('last_seen_at', ms, (c) => c.notNull())
        .addColumn('expires_at', ms, (c) => c.notNull())
        .addColumn('ip', 'text')
        .addColumn('user_agent', 'text')
        .execute();
      await db.schema.createIndex('admin_sessions_admin').on('admin_sessions').column('admin_id').execute();
    },
  },
  // The audit log (issue #19): every admin and secret-authenticated write, who, what, when and from where.
  '0012_audit_log': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('audit_log')
        .addColumn('audit_id', 'text', (c) => c.primaryKey())
        .addColumn('at', ms, (c) => c.notNull())
        .addColumn('actor_type', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull())
        // No foreign key: the log outlives a deleted project, as an audit trail must.
        .addColumn('project_id', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target', 'text')
        .addColumn('ip', 'text')
        .addColumn('request_id', 'text')
        .addColumn('status', 'integer', (c) => c.notNull())
        .addColumn('details', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at', 'audit_id']).execute();
      await db.schema.createIndex('audit_log_project').on('audit_log').columns(['project_id', 'at', 'audit_id']).execute();
    },
  },
  // The contact reads by user (`user-store.ts`, on every session authenticate) answered from the index
  // alone: one B-tree page fewer per read once the database outgrows the page cache (issue #18).
  '0013_contacts_by_user': {
    async up(db: Kysely<unknown>) {
      await db.schema.dropIndex('user_emails_user').execute();
      await db.schema.createIndex('user_emails_user').on('user_emails').columns(['user_id', 'created_at', 'email_id', 'email', 'verified']).execute();
      await db.schema.dropIndex('user_phones_user').execute();
      await db.schema.createIndex('user_phones_user').on('user_phones').columns(['user_id', 'created_at', 'phone_id', 'phone_number', 'verified']).execute();
    },
  },
};
