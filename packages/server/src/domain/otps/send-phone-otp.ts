import type { ProjectContext } from '../context.js';
import type { RequestAttributes } from '../email/attribute-match.js';
import { PHONE_OTP, expirationMinutes } from '../email/expiration-minutes.js';
import { ApiError } from '../errors.js';
import { enforceRateLimit } from '../limits/rate-limit.js';
import { targetUser, type SendTarget } from '../magic-links/email-recipient.js';
import { isSandboxPhone, sandboxPhoneSendResult } from '../sandbox/consumer.js';
import { addPhoneToUser, phoneRecordOf } from '../users/phone-user.js';
import { normalizePhone } from '../validate.js';
import { checkPhoneDelivery, deliverPhoneOtp, type PhoneChannel } from './deliver-phone-otp.js';

export interface SendPhoneOtpInput extends SendTarget {
  phone_number: string;
  expiration_minutes?: number | undefined;
  locale?: string | undefined;
  attributes?: RequestAttributes | undefined;
}

/**
 * `POST /v1/otps/sms/send` and `/v1/otps/whatsapp/send`: a code to an existing user's number (404
 * `phone_number_not_found` otherwise); with `user_id`/`session_token`/`session_jwt` the number is added,
 * unverified, to that user first (verified when the code is used; another user's number is 400
 * `duplicate_phone_number`), as the email sends do. Test projects only (see {@link checkPhoneDelivery}).
 */
export async function sendPhoneOtp(ctx: ProjectContext, channel: PhoneChannel, input: SendPhoneOtpInput) {
  const phoneNumber = normalizePhone(input.phone_number);
  if (isSandboxPhone(ctx, phoneNumber)) return sandboxPhoneSendResult();
  checkPhoneDelivery(ctx);
  const minutes = expirationMinutes(input.expiration_minutes, PHONE_OTP);
  const projectId = ctx.project.project_id;
  const named = await targetUser(ctx, input);
  const holder = named?.phones.some((p) => p.phone_number === phoneNumber) ? named : await ctx.stores.users.byPhone(projectId, phoneNumber);
  if (named && holder && holder.user_id !== named.user_id) throw new ApiError('duplicate_phone_number');
  if (!named && !holder) throw new ApiError('phone_number_not_found');
  await enforceRateLimit(ctx, `otps.${channel}.send`, phoneNumber);
  const { user, phone } = holder ? { user: holder, phone: phoneRecordOf(holder, phoneNumber) } : await addPhoneToUser(ctx, named!, phoneNumber);
  await deliverPhoneOtp(ctx, { channel, user, phone, expiration_minutes: minutes, locale: input.locale, attributes: input.attributes });
  return { user_id: user.user_id, phone_id: phone.phone_id };
}
