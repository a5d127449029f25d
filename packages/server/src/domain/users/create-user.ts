import { newId, type JsonObject } from '@tessera/core';
import type { PasswordRecord, UserRecord } from '../../store/records.js';
import { ConflictError } from '../../store/stores.js';
import type { ProjectContext } from '../context.js';
import { ApiError } from '../errors.js';
import { checkExternalId, checkMetadata, checkName, checkRoles, normalizeEmail, normalizePhone } from '../validate.js';

export interface NewUserInput {
  email?: string | undefined;
  phone_number?: string | undefined;
  name?: { first_name?: string; middle_name?: string; last_name?: string } | undefined;
  create_user_as_pending?: boolean | undefined;
  trusted_metadata?: JsonObject | undefined;
  untrusted_metadata?: JsonObject | undefined;
  external_id?: string | undefined;
  roles?: string[] | undefined;
  email_verified?: boolean;
  phone_verified?: boolean;
  password?: PasswordRecord;
}

const CONFLICT_TYPES = {
  email: 'duplicate_email',
  phone_number: 'duplicate_phone_number',
  external_id: 'duplicate_external_id',
} as const;

/** Maps a store conflict to its Stytch error; rethrows anything else. */
export function conflictToApiError(err: unknown): never {
  if (err instanceof ConflictError) throw new ApiError(CONFLICT_TYPES[err.field]);
  throw err;
}

/** Validates and inserts a user; email or phone number is required. */
export async function createUser(ctx: ProjectContext, input: NewUserInput): Promise<UserRecord> {
  const env = ctx.project.env;
  const now = ctx.clock();
  if (!input.email && !input.phone_number) throw new ApiError('missing_email_or_phone_number');
  const email = input.email ? normalizeEmail(input.email) : undefined;
  const phone = input.phone_number ? normalizePhone(input.phone_number) : undefined;
  const user: Omit<UserRecord, 'emails' | 'phones'> = {
    user_id: newId('user', env),
    project_id: ctx.project.project_id,
    external_id: input.external_id ? checkExternalId(input.external_id) : null,
    status: input.create_user_as_pending ? 'pending' : 'active',
    name: checkName(input.name ?? {}),
    trusted_metadata: checkMetadata(input.trusted_metadata ?? {}, 'trusted_metadata'),
    untrusted_metadata: checkMetadata(input.untrusted_metadata ?? {}, 'untrusted_metadata'),
    roles: checkRoles(input.roles ?? []),
    created_at: now,
    password: input.password ?? null,
    failed_attempts: 0,
    failed_window_started_at: null,
    lock_created_at: null,
    lock_expires_at: null,
  };
  const emails = email ? [{ email_id: newId('email', env), email, verified: input.email_verified ?? false, created_at: now }] : [];
  const phones = phone
    ? [{ phone_id: newId('phone-number', env), phone_number: phone, verified: input.phone_verified ?? false, created_at: now }]
    : [];
  await ctx.stores.users.insert({ user, emails, phones }).catch(conflictToApiError);
  return { ...user, emails, phones };
}
