import type { ProjectContext } from '../context.js';
import { issueLinkToken } from '../email/issue-token.js';
import { expirationMinutes, LOGIN_LINK } from '../email/expiration-minutes.js';
import { getUser } from '../users/get-user.js';

/**
 * `POST /v1/magic_links` (embeddable magic link): a token for the user, returned to the backend, no mail
 * sent. Default 60 minutes (5 to 10080). Authenticating it adds a `magic_link`/`embedded` factor.
 */
export async function createEmbeddedMagicLink(ctx: ProjectContext, input: { user_id: string; expiration_minutes?: number | undefined }) {
  const minutes = expirationMinutes(input.expiration_minutes, LOGIN_LINK);
  const user = await getUser(ctx, input.user_id);
  const token = await issueLinkToken(ctx, {
    purpose: 'magic_link',
    method_id: null,
    subject_id: user.user_id,
    email: '',
    data: { link_type: 'embedded', vertical: 'consumer' },
    expiration_minutes: minutes,
  });
  return { user_id: user.user_id, token };
}
