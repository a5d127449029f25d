import type { JsonObject } from '@tessera/core';
import type { ProjectContext } from '../context.js';
import type { RequestAttributes } from '../email/attribute-match.js';
import { ApiError } from '../errors.js';
import { expirationMinutes, INVITE_LINK } from '../email/expiration-minutes.js';
import { redirectUrl, type Caller } from '../email/redirect-url.js';
import { enforceRateLimit } from '../limits/rate-limit.js';
import { isSandboxEmail, sandboxSendResult } from '../sandbox/consumer.js';
import { emailRecordOf, findOrCreateEmailUser } from '../users/email-user.js';
import { checkMetadata, checkName, normalizeEmail } from '../validate.js';
import { deliverMagicLink } from './deliver-magic-link.js';

export interface InviteByEmailInput {
  email: string;
  invite_magic_link_url?: string | undefined;
  invite_expiration_minutes?: number | undefined;
  invite_template_id?: string | undefined;
  name?: { first_name?: string; middle_name?: string; last_name?: string } | undefined;
  trusted_metadata?: JsonObject | undefined;
  untrusted_metadata?: JsonObject | undefined;
  locale?: string | undefined;
  attributes?: RequestAttributes | undefined;
}

/**
 * `POST /v1/magic_links/email/invite`: creates a `pending` user with the given name and metadata (or reuses
 * the pending user of that address) and sends an invite link (default one week). The user becomes active
 * when the link is used.
 *
 * Decision [UNVERIFIED]: Stytch documents invites as being for new users; inviting an address that already
 * belongs to an active user is refused with 400 `invite_not_allowed` and sends nothing (the user can be sent
 * a login link instead).
 */
export async function inviteByEmail(ctx: ProjectContext, input: InviteByEmailInput, caller: Caller) {
  const address = normalizeEmail(input.email);
  if (isSandboxEmail(ctx, address)) return sandboxSendResult();
  const minutes = expirationMinutes(input.invite_expiration_minutes, INVITE_LINK);
  const name = checkName(input.name ?? {});
  const trusted = checkMetadata(input.trusted_metadata ?? {}, 'trusted_metadata');
  const untrusted = checkMetadata(input.untrusted_metadata ?? {}, 'untrusted_metadata');
  const existing = await ctx.stores.users.byEmail(ctx.project.project_id, address);
  if (existing && existing.status === 'active') throw new ApiError('invite_not_allowed');
  const url = await redirectUrl(ctx, 'invite', input.invite_magic_link_url, caller);
  await enforceRateLimit(ctx, 'magic_links.email.invite', address);
  const found = existing
    ? { user: existing, email: emailRecordOf(existing, address) }
    : await findOrCreateEmailUser(ctx, address, { create_user_as_pending: true, name, trusted_metadata: trusted, untrusted_metadata: untrusted });
  await deliverMagicLink(ctx, {
    user: found.user,
    email: found.email,
    type: 'invite',
    url,
    expiration_minutes: minutes,
    template_id: input.invite_template_id,
    locale: input.locale,
    attributes: input.attributes,
  });
  return { user_id: found.user.user_id, email_id: found.email.email_id };
}
