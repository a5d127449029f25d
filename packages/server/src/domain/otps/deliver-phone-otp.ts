import type { PhoneRecord, UserRecord } from '../../store/records.js';
import type { ProjectContext } from '../context.js';
import { sentAttributes, type RequestAttributes } from '../email/attribute-match.js';
import { issueOtpCode } from '../email/issue-token.js';
import { ApiError } from '../errors.js';
import { enqueueMail } from '../mail/enqueue-mail.js';

/** How a phone code travels; also the session factor's `delivery_method`. */
export type PhoneChannel = 'sms' | 'whatsapp';

/** The channel a stored OTP code was sent through (`data.delivery_method`), or null for an email code. */
export function phoneChannelOf(data: Record<string, unknown>): PhoneChannel | null {
  const d = data.delivery_method;
  return d === 'sms' || d === 'whatsapp' ? d : null;
}

/**
 * Tessera has no SMS or WhatsApp provider. On test projects a phone code goes to the local outbox, where
 * the developer reads it; a live project's user would never receive it, so the request is refused (400
 * `sms_delivery_not_configured`) before anything is written, rather than pretending to send.
 */
export function checkPhoneDelivery(ctx: ProjectContext): void {
  if (ctx.project.env !== 'test') throw new ApiError('sms_delivery_not_configured');
}

/**
 * A new 6-digit code for the user's number (the number's previous code stops working, whichever channel
 * sent it) and its message in the local outbox (`sms_otp` / `whatsapp_otp`, never handed to SMTP). The
 * phone_id is the code's `method_id`; the token's recipient column holds the number.
 */
export async function deliverPhoneOtp(
  ctx: ProjectContext,
  d: {
    channel: PhoneChannel;
    user: UserRecord;
    phone: PhoneRecord;
    expiration_minutes: number;
    locale?: string | undefined;
    attributes?: RequestAttributes | undefined;
  },
): Promise<void> {
  checkPhoneDelivery(ctx);
  const code = await issueOtpCode(ctx, {
    purpose: 'otp',
    method_id: d.phone.phone_id,
    subject_id: d.user.user_id,
    email: d.phone.phone_number,
    data: { vertical: 'consumer', delivery_method: d.channel, ...sentAttributes(d.attributes) },
    expiration_minutes: d.expiration_minutes,
  });
  await enqueueMail(ctx, {
    kind: d.channel === 'sms' ? 'sms_otp' : 'whatsapp_otp',
    to: d.phone.phone_number,
    code,
    expiration_minutes: d.expiration_minutes,
    ...(d.locale ? { locale: d.locale } : {}),
    vertical: 'consumer',
  });
}
