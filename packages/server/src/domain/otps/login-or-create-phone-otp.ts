import type { ProjectContext } from '../context.js';
import type { RequestAttributes } from '../email/attribute-match.js';
import { PHONE_OTP, expirationMinutes } from '../email/expiration-minutes.js';
import { enforceRateLimit } from '../limits/rate-limit.js';
import { isSandboxPhone, sandboxPhoneSendResult } from '../sandbox/consumer.js';
import { findOrCreatePhoneUser } from '../users/phone-user.js';
import { normalizePhone } from '../validate.js';
import { checkPhoneDelivery, deliverPhoneOtp, type PhoneChannel } from './deliver-phone-otp.js';

export interface LoginOrCreatePhoneOtpInput {
  phone_number: string;
  expiration_minutes?: number | undefined;
  create_user_as_pending?: boolean | undefined;
  locale?: string | undefined;
  attributes?: RequestAttributes | undefined;
}

/**
 * `POST /v1/otps/sms/login_or_create` and `/v1/otps/whatsapp/login_or_create`: a code (default 2 minutes,
 * 1 to 10) to the number's user, who is created (pending when asked) when there is none. The number must
 * be E.164 (400 `invalid_phone_number`); test projects only (see {@link checkPhoneDelivery}).
 */
export async function loginOrCreatePhoneOtp(ctx: ProjectContext, channel: PhoneChannel, input: LoginOrCreatePhoneOtpInput) {
  const phoneNumber = normalizePhone(input.phone_number);
  if (isSandboxPhone(ctx, phoneNumber)) return { ...sandboxPhoneSendResult(), user_created: false };
  checkPhoneDelivery(ctx);
  const minutes = expirationMinutes(input.expiration_minutes, PHONE_OTP);
  await enforceRateLimit(ctx, `otps.${channel}.login_or_create`, phoneNumber);
  const { user, phone, created } = await findOrCreatePhoneUser(ctx, phoneNumber, { create_user_as_pending: input.create_user_as_pending });
  await deliverPhoneOtp(ctx, { channel, user, phone, expiration_minutes: minutes, locale: input.locale, attributes: input.attributes });
  return { user_id: user.user_id, phone_id: phone.phone_id, user_created: created };
}
