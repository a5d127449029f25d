import type { FactorRecord, UserRecord } from '../../store/records.js';
import type { ProjectContext } from '../context.js';
import { ApiError } from '../errors.js';
import { checkAttributeMatch, type AttributeOptions } from '../email/attribute-match.js';
import { redeemOtpCode } from '../email/redeem-token.js';
import { enforceRateLimit } from '../limits/rate-limit.js';
import { attemptWithLockout } from '../passwords/verify-password-with-lockout.js';
import { sandboxOtp } from '../sandbox/consumer.js';
import { checkTargetSession, issueLoginSession, type LoginSessionOptions } from '../sessions/login-session.js';
import { newFactor } from '../sessions/session-view.js';
import { checkSessionOptions } from '../sessions/start-session.js';
import { confirmEmail, tokenSubject } from '../users/email-user.js';
import { confirmPhone } from '../users/phone-user.js';
import { phoneChannelOf } from './deliver-phone-otp.js';

export interface AuthenticateOtpInput extends LoginSessionOptions {
  method_id: string;
  code: string;
  options?: AttributeOptions | undefined;
}

const CODE = /^\d{6}$/;

/**
 * `POST /v1/otps/authenticate` for email, SMS and WhatsApp codes (`method_id` = email_id or phone_id): `code` must be 6 digits (400 `invalid_code`); no live code
 * for `method_id` -> 404 `otp_code_not_found`; a wrong code -> 401 `unable_to_auth_otp_code`, counted
 * against the code (dead after 5) and, through `attemptWithLockout`, against the user's lockout
 * (`user_lock_limit_reached`). A right code marks the email or phone number verified and a pending user
 * active and answers with a session as magic links do; a phone code's factor is `otp` with delivery method
 * `sms` or `whatsapp` and `phone_number_factor`.
 *
 * Decision [UNVERIFIED]: the session factor is `otp`/`email` with `email_factor`, the type Stytch's consumer
 * factor list pairs with OTP deliveries (sms, whatsapp, email); `email_otp` is the B2B type. Both count as
 * recent factors for `passwords/session/reset`.
 */
export async function authenticateOtp(ctx: ProjectContext, input: AuthenticateOtpInput) {
  if (!CODE.test(input.code)) throw new ApiError('invalid_code');
  if (input.method_id === '') throw new ApiError('invalid_method_id');
  checkSessionOptions(input);
  const sandbox = await sandboxOtp(ctx, input.method_id, input.code, input);
  if (sandbox) return { ...sandbox, method_id: input.method_id };
  await enforceRateLimit(ctx, 'otps.authenticate', input.method_id);
  await checkTargetSession(ctx, input);
  const projectId = ctx.project.project_id;
  const live = await ctx.stores.oneTimeTokens.liveForMethod(projectId, 'otp', input.method_id, ctx.clock());
  if (!live || live.organization_id !== null) throw new ApiError('otp_code_not_found');
  checkAttributeMatch(live.data, input.options, input.attributes);
  const user = await tokenSubject(ctx, live.subject_id);
  await attemptWithLockout(
    ctx,
    ctx.stores.users,
    { ...user, id: user.user_id },
    async () => {
      try {
        await redeemOtpCode(ctx, input.method_id, input.code);
        return true;
      } catch (e) {
        if (e instanceof ApiError && e.type === 'unable_to_auth_otp_code') return false;
        throw e;
      }
    },
    'unable_to_auth_otp_code',
  );
  const channel = phoneChannelOf(live.data);
  let confirmed: UserRecord;
  let factor: FactorRecord;
  if (channel) {
    confirmed = await confirmPhone(ctx, user, input.method_id);
    const phone = confirmed.phones.find((p) => p.phone_id === input.method_id);
    factor = newFactor('otp', channel, ctx.clock(), { phone_number_factor: { phone_id: input.method_id, phone_number: phone?.phone_number ?? live.email } });
  } else {
    confirmed = await confirmEmail(ctx, user, input.method_id);
    const email = confirmed.emails.find((e) => e.email_id === input.method_id);
    factor = newFactor('otp', 'email', ctx.clock(), { email_factor: { email_id: input.method_id, email_address: email?.email ?? live.email } });
  }
  const session = await issueLoginSession(ctx, confirmed, factor, input);
  return { user: session?.user ?? confirmed, session, method_id: input.method_id };
}
