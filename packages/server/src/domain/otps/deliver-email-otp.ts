import type { EmailRecord, UserRecord } from '../../store/records.js';
import type { ProjectContext } from '../context.js';
import { sentAttributes, type RequestAttributes } from '../email/attribute-match.js';
import { issueOtpCode } from '../email/issue-token.js';
import { enqueueMail } from '../mail/enqueue-mail.js';

/**
 * A new 6-digit code for the user's email (the address's previous code stops working) and its mail in the
 * outbox. The email_id is the code's `method_id`.
 */
export async function deliverEmailOtp(
  ctx: ProjectContext,
  d: {
    user: UserRecord;
    email: EmailRecord;
    expiration_minutes: number;
    template_id?: string | undefined;
    locale?: string | undefined;
    attributes?: RequestAttributes | undefined;
  },
): Promise<void> {
  const code = await issueOtpCode(ctx, {
    purpose: 'otp',
    method_id: d.email.email_id,
    subject_id: d.user.user_id,
    email: d.email.email,
    data: { vertical: 'consumer', ...sentAttributes(d.attributes) },
    expiration_minutes: d.expiration_minutes,
  });
  await enqueueMail(ctx, {
    kind: 'email_otp',
    to: d.email.email,
    code,
    expiration_minutes: d.expiration_minutes,
    ...(d.template_id ? { template_id: d.template_id } : {}),
    ...(d.locale ? { locale: d.locale } : {}),
    vertical: 'consumer',
  });
}
