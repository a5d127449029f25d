import { newId, type JsonObject } from '@tessera/core';
import { parseMigratedHash, type MigrateHashInput } from '../../crypto/password/index.js';
import type { ProjectContext } from '../context.js';
import { ApiError } from '../errors.js';
import { createUser } from '../users/create-user.js';
import { normalizeEmail } from '../validate.js';

export interface MigratePasswordInput extends MigrateHashInput {
  email: string;
  trusted_metadata?: JsonObject | undefined;
  untrusted_metadata?: JsonObject | undefined;
  set_email_verified?: boolean | undefined;
  name?: { first_name?: string; middle_name?: string; last_name?: string } | undefined;
  phone_number?: string | undefined;
  set_phone_number_verified?: boolean | undefined;
  external_id?: string | undefined;
  roles?: string[] | undefined;
}

/**
 * `POST /v1/passwords/migrate`: imports a hash from another system. The hash is validated before anything
 * is written and stored as is; on the user's first successful login it is verified with its own algorithm
 * and replaced by argon2id. Creates the user when the email is new, else sets that user's password.
 */
export async function migratePassword(ctx: ProjectContext, input: MigratePasswordInput) {
  const email = normalizeEmail(input.email);
  const parsed = parseMigratedHash(input);
  if (!parsed.ok) throw new ApiError(parsed.error_type, parsed.message);
  const password = { password_id: newId('password', ctx.project.env), hash: parsed.stored, requires_reset: false };
  const projectId = ctx.project.project_id;
  const existing = await ctx.stores.users.byEmail(projectId, email);
  if (existing) {
    // A lock stays: it limits guesses at the user's password, and re-running an import must not reset
    // that budget for an account under attack (B2B migrate behaves the same). It ends when it expires.
    await ctx.stores.users.setPassword(projectId, existing.user_id, { ...password, password_id: existing.password?.password_id ?? password.password_id }, { clearLockout: false });
    const emailRecord = existing.emails.find((e) => e.email === email)!;
    if (input.set_email_verified && !emailRecord.verified) await ctx.stores.users.markEmailVerified(projectId, emailRecord.email_id);
    const user = (await ctx.stores.users.get(projectId, existing.user_id))!;
    return { user, email_id: emailRecord.email_id, user_created: false };
  }
  const user = await createUser(ctx, {
    email,
    phone_number: input.phone_number,
    name: input.name,
    trusted_metadata: input.trusted_metadata,
    untrusted_metadata: input.untrusted_metadata,
    external_id: input.external_id,
    roles: input.roles,
    email_verified: input.set_email_verified ?? false,
    phone_verified: input.set_phone_number_verified ?? false,
    password,
  });
  return { user, email_id: user.emails[0]!.email_id, user_created: true };
}
