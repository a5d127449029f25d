import type { EmailRecord, UserRecord } from '../../store/records.js';
import type { ProjectContext } from '../context.js';
import { sentAttributes, type RequestAttributes } from '../email/attribute-match.js';
import { issueLinkToken } from '../email/issue-token.js';
import { linkWithToken } from '../email/redirect-url.js';
import { enqueueMail } from '../mail/enqueue-mail.js';

/** login, signup or invite: which template the mail uses (the token works the same). */
export type MagicLinkType = 'login' | 'signup' | 'invite';

export interface MagicLinkDelivery {
  user: UserRecord;
  email: EmailRecord;
  type: MagicLinkType;
  /** The validated redirect URL the token is appended to. */
  url: string;
  expiration_minutes: number;
  code_challenge?: string | undefined;
  template_id?: string | undefined;
  locale?: string | undefined;
  /** The user's device as the send request reports it (for `options.*_match_required` later). */
  attributes?: RequestAttributes | undefined;
}

/**
 * Issues a consumer magic link token for the user's email and puts the mail in the outbox:
 * `<url>?stytch_token_type=magic_links&token=<token>`. Only the token's HMAC is stored.
 */
export async function deliverMagicLink(ctx: ProjectContext, d: MagicLinkDelivery): Promise<void> {
  const token = await issueLinkToken(ctx, {
    purpose: 'magic_link',
    method_id: d.email.email_id,
    subject_id: d.user.user_id,
    email: d.email.email,
    data: { link_type: d.type, vertical: 'consumer', ...sentAttributes(d.attributes) },
    ...(d.code_challenge ? { code_challenge: d.code_challenge } : {}),
    expiration_minutes: d.expiration_minutes,
  });
  await enqueueMail(ctx, {
    kind: d.type,
    to: d.email.email,
    link: linkWithToken(d.url, 'magic_links', token),
    expiration_minutes: d.expiration_minutes,
    ...(d.template_id ? { template_id: d.template_id } : {}),
    ...(d.locale ? { locale: d.locale } : {}),
    vertical: 'consumer',
  });
}
