import { Type } from 'typebox';
import { Email, Str } from '../schema.js';

/** Request fields shared by the email flows (magic links, email OTP, password reset by email). */
export const Url = () => Type.Optional(Str({ maxLength: 2048, errorType: 'invalid_magic_link_url' }));
export const Minutes = Type.Optional(Type.Integer({ errorType: 'invalid_expiration_minutes' }));
export const TemplateId = Type.Optional(Str({ maxLength: 256 }));
export const Locale = Type.Optional(Str({ maxLength: 32 }));
/** PKCE: base64url SHA-256 of the verifier (43 characters; longer ones are refused as a mismatch later). */
export const CodeChallenge = Type.Optional(Str({ maxLength: 128, errorType: 'invalid_argument' }));
export const CodeVerifier = Type.Optional(Str({ maxLength: 256, errorType: 'pkce_mismatch' }));
export const Attributes = Type.Optional(Type.Object({ ip_address: Type.Optional(Str({ maxLength: 128 })), user_agent: Type.Optional(Str({ maxLength: 1024 })) }));
/** `options` of an authenticate: the send request's IP address / user agent must match this one's. */
export const MatchOptions = Type.Optional(
  Type.Object(
    { ip_match_required: Type.Optional(Type.Boolean()), user_agent_match_required: Type.Optional(Type.Boolean()) },
    { errorType: 'invalid_argument' },
  ),
);
/** A magic link or reset token: 44 characters; anything else is simply not found. */
export const LinkToken = (errorType: 'magic_link_not_found' | 'password_reset_token_not_found') => Str({ maxLength: 256, errorType });

/** The body of `passwords/email/reset/start`, backend and frontend (the backend also takes `attributes`). */
export const ResetStartFields = {
  email: Email(),
  reset_password_redirect_url: Url(),
  login_redirect_url: Url(),
  reset_password_expiration_minutes: Minutes,
  reset_password_template_id: TemplateId,
  code_challenge: CodeChallenge,
  locale: Locale,
};
