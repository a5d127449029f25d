import { ApiError } from '../errors.js';

/** How long a kind of emailed secret may live, in minutes (Stytch's documented bounds and defaults). */
export interface ExpirationRule {
  default: number;
  min: number;
  max: number;
}

/** Magic links (login, signup, invite, embeddable) and password reset links: 5 minutes to one week. */
export const LINK_MINUTES = { min: 5, max: 10_080 } as const;
export const LOGIN_LINK: ExpirationRule = { default: 60, ...LINK_MINUTES };
export const SIGNUP_LINK: ExpirationRule = { default: 10_080, ...LINK_MINUTES };
export const INVITE_LINK: ExpirationRule = { default: 10_080, ...LINK_MINUTES };
export const RESET_LINK: ExpirationRule = { default: 30, ...LINK_MINUTES };
/** Email OTP codes: 1 to 10 minutes, default 2. */
export const EMAIL_OTP: ExpirationRule = { default: 2, min: 1, max: 10 };
/** SMS and WhatsApp OTP codes: the same bounds (Stytch documents 1 to 10 minutes, default 2). */
export const PHONE_OTP: ExpirationRule = EMAIL_OTP;

/** `requested` within the rule's bounds, or its default when absent; 400 `invalid_expiration_minutes` otherwise. */
export function expirationMinutes(requested: number | undefined, rule: ExpirationRule): number {
  if (requested === undefined) return rule.default;
  if (!Number.isInteger(requested) || requested < rule.min || requested > rule.max) throw new ApiError('invalid_expiration_minutes');
  return requested;
}
