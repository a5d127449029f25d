import type { ProjectContext } from '../../context.js';
import { issueLinkToken } from '../../email/issue-token.js';
import { linkWithToken, redirectUrl, type Caller } from '../../email/redirect-url.js';
import { enforceRateLimit } from '../../limits/rate-limit.js';
import { enqueueMail } from '../../mail/enqueue-mail.js';
import { isSandboxDiscoverySend } from '../../sandbox/b2b.js';
import { normalizeEmail } from '../../validate.js';
import { EXPIRY, expirationMinutes } from '../expiration.js';

export interface SendDiscoveryInput {
  email_address: string;
  discovery_redirect_url?: string | undefined;
  pkce_code_challenge?: string | undefined;
  login_template_id?: string | undefined;
  locale?: string | undefined;
  discovery_expiration_minutes?: number | undefined;
}

/**
 * `POST /v1/b2b/magic_links/email/discovery/send`: a discovery link (60 minutes unless told otherwise) to
 * any address, member or not; its token (purpose `discovery`, `stytch_token_type=discovery`) names only
 * the email address. Nothing about the address's organizations is revealed here.
 */
export async function sendDiscoveryLink(ctx: ProjectContext, input: SendDiscoveryInput, caller: Caller): Promise<void> {
  await enforceRateLimit(ctx, 'b2b.magic_links.email.discovery.send', input.email_address);
  const email = normalizeEmail(input.email_address);
  const minutes = expirationMinutes(input.discovery_expiration_minutes, EXPIRY.discovery);
  if (caller === 'backend' && isSandboxDiscoverySend(ctx, email)) return;
  const base = await redirectUrl(ctx, 'discovery', input.discovery_redirect_url, caller);
  const token = await issueLinkToken(ctx, {
    purpose: 'discovery',
    method_id: null,
    subject_id: null,
    email,
    data: { vertical: 'b2b' },
    ...(input.pkce_code_challenge ? { code_challenge: input.pkce_code_challenge } : {}),
    expiration_minutes: minutes,
  });
  await enqueueMail(ctx, {
    kind: 'discovery',
    to: email,
    link: linkWithToken(base, 'discovery', token),
    expiration_minutes: minutes,
    ...(input.login_template_id ? { template_id: input.login_template_id } : {}),
    ...(input.locale ? { locale: input.locale } : {}),
    vertical: 'b2b',
  });
}
