/**
 * The user side of the phone flows (SMS and WhatsApp OTP), as domain/users/email-user.ts is for email:
 * finding or creating the user a number belongs to, adding a number to a user, and what proving control of
 * a number does (the number becomes verified, a pending user active).
 *
 * @module
 */
import { newId } from '@tessera/core';
import type { PhoneRecord, UserRecord } from '../../store/records.js';
import { ConflictError } from '../../store/stores.js';
import type { ProjectContext } from '../context.js';
import { ApiError } from '../errors.js';
import { createUser } from './create-user.js';

/** The user's record of `phoneNumber` (E.164); the caller found the user by that number. */
export function phoneRecordOf(user: UserRecord, phoneNumber: string): PhoneRecord {
  const found = user.phones.find((p) => p.phone_number === phoneNumber);
  if (!found) throw new ApiError('phone_number_not_found');
  return found;
}

/**
 * The user `phoneNumber` (normalized) belongs to, created (unverified number) when there is none. Two
 * parallel first requests for one number create one user: the loser of the insert reads the winner's.
 */
export async function findOrCreatePhoneUser(
  ctx: ProjectContext,
  phoneNumber: string,
  create: { create_user_as_pending?: boolean | undefined },
): Promise<{ user: UserRecord; phone: PhoneRecord; created: boolean }> {
  const projectId = ctx.project.project_id;
  const existing = await ctx.stores.users.byPhone(projectId, phoneNumber);
  if (existing) return { user: existing, phone: phoneRecordOf(existing, phoneNumber), created: false };
  try {
    const user = await createUser(ctx, { phone_number: phoneNumber, create_user_as_pending: create.create_user_as_pending });
    return { user, phone: user.phones[0]!, created: true };
  } catch (err) {
    if (!(err instanceof ApiError && err.type === 'duplicate_phone_number')) throw err;
    const raced = await ctx.stores.users.byPhone(projectId, phoneNumber);
    if (!raced) throw err;
    return { user: raced, phone: phoneRecordOf(raced, phoneNumber), created: false };
  }
}

/**
 * Adds `phoneNumber` (unverified) to `user`, as `otps/sms/send` with a `user_id` or session does; it is
 * verified when the code sent to it is used. Already the user's: that record. Another user's: 400
 * `duplicate_phone_number`.
 */
export async function addPhoneToUser(ctx: ProjectContext, user: UserRecord, phoneNumber: string): Promise<{ user: UserRecord; phone: PhoneRecord }> {
  const own = user.phones.find((p) => p.phone_number === phoneNumber);
  if (own) return { user, phone: own };
  const record: PhoneRecord = { phone_id: newId('phone-number', ctx.project.env), phone_number: phoneNumber, verified: false, created_at: ctx.clock() };
  try {
    await ctx.stores.users.addPhone(ctx.project.project_id, user.user_id, record);
  } catch (err) {
    if (err instanceof ConflictError) throw new ApiError('duplicate_phone_number');
    throw err;
  }
  return { user: { ...user, phones: [...user.phones, record] }, phone: record };
}

/**
 * What using a code sent to `phoneId` proves: the number is the user's (verified) and a pending user
 * becomes active. Returns the user as stored now.
 */
export async function confirmPhone(ctx: ProjectContext, user: UserRecord, phoneId: string): Promise<UserRecord> {
  const projectId = ctx.project.project_id;
  const phone = user.phones.find((p) => p.phone_id === phoneId);
  const verify = !!phone && !phone.verified;
  if (verify) await ctx.stores.users.markPhoneVerified(projectId, phoneId);
  if (user.status === 'pending') await ctx.stores.users.update(projectId, user.user_id, { status: 'active' });
  if (!verify && user.status !== 'pending') return user;
  const fresh = await ctx.stores.users.get(projectId, user.user_id);
  if (!fresh) throw new ApiError('user_not_found');
  return fresh;
}
