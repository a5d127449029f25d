/**
 * The user side of the email flows (magic links, email OTP, password reset by email): finding or creating
 * the user an address belongs to, adding an address to a user, and what proving control of an address
 * does to the user (the email becomes verified, a pending user active).
 *
 * @module
 */
import { newId, type JsonObject } from '@tessera/core';
import type { EmailRecord, UserRecord } from '../../store/records.js';
import { ConflictError } from '../../store/stores.js';
import type { ProjectContext } from '../context.js';
import { ApiError } from '../errors.js';
import { createUser } from './create-user.js';

export interface NewEmailUser {
  create_user_as_pending?: boolean | undefined;
  name?: { first_name?: string; middle_name?: string; last_name?: string } | undefined;
  trusted_metadata?: JsonObject | undefined;
  untrusted_metadata?: JsonObject | undefined;
}

/** The user's record of `email` (already normalized); the caller found the user by that address. */
export function emailRecordOf(user: UserRecord, email: string): EmailRecord {
  const found = user.emails.find((e) => e.email === email);
  if (!found) throw new ApiError('email_not_found');
  return found;
}

/**
 * The user `email` belongs to, created (unverified email) when there is none. Two parallel first requests
 * for one address create one user: the loser of the insert reads the winner's.
 */
export async function findOrCreateEmailUser(
  ctx: ProjectContext,
  email: string,
  create: NewEmailUser,
): Promise<{ user: UserRecord; email: EmailRecord; created: boolean }> {
  const projectId = ctx.project.project_id;
  const existing = await ctx.stores.users.byEmail(projectId, email);
  if (existing) return { user: existing, email: emailRecordOf(existing, email), created: false };
  try {
    const user = await createUser(ctx, { email, ...create });
    return { user, email: user.emails[0]!, created: true };
  } catch (err) {
    if (!(err instanceof ApiError && err.type === 'duplicate_email')) throw err;
    const raced = await ctx.stores.users.byEmail(projectId, email);
    if (!raced) throw err;
    return { user: raced, email: emailRecordOf(raced, email), created: false };
  }
}

/**
 * Adds `email` (unverified) to `user`, as Stytch's `send` with a `user_id` or session does; it is verified
 * when the link or code sent to it is used. Already the user's: that record. Another user's: 400
 * `duplicate_email`.
 */
export async function addEmailToUser(ctx: ProjectContext, user: UserRecord, email: string): Promise<{ user: UserRecord; email: EmailRecord }> {
  const own = user.emails.find((e) => e.email === email);
  if (own) return { user, email: own };
  const record: EmailRecord = { email_id: newId('email', ctx.project.env), email, verified: false, created_at: ctx.clock() };
  try {
    await ctx.stores.users.addEmail(ctx.project.project_id, user.user_id, record);
  } catch (err) {
    if (err instanceof ConflictError) throw new ApiError('duplicate_email');
    throw err;
  }
  return { user: { ...user, emails: [...user.emails, record] }, email: record };
}

/**
 * What using a link or code sent to `emailId` proves: the address is the user's (verified) and a pending
 * user (invited, or created pending) becomes active. Returns the user as stored now.
 */
export async function confirmEmail(ctx: ProjectContext, user: UserRecord, emailId: string | null): Promise<UserRecord> {
  const projectId = ctx.project.project_id;
  const email = emailId ? user.emails.find((e) => e.email_id === emailId) : undefined;
  if (email && !email.verified) await ctx.stores.users.markEmailVerified(projectId, email.email_id);
  if (user.status === 'pending') await ctx.stores.users.update(projectId, user.user_id, { status: 'active' });
  if ((email && !email.verified) || user.status === 'pending') {
    const fresh = await ctx.stores.users.get(projectId, user.user_id);
    if (!fresh) throw new ApiError('user_not_found');
    return fresh;
  }
  return user;
}

/** The user a one-time token was issued for; gone since -> 404 `user_not_found`. */
export async function tokenSubject(ctx: ProjectContext, subjectId: string | null): Promise<UserRecord> {
  const user = subjectId ? await ctx.stores.users.get(ctx.project.project_id, subjectId) : null;
  if (!user) throw new ApiError('user_not_found');
  return user;
}
