/**
 * What the flows put in the outbox: the facts of a message, not its text. Rendering (the project's
 * templates, plain text and HTML) happens when the message is sent or read, so a template change applies to
 * mail still queued and the flows stay free of presentation.
 *
 * @module
 */

export type EmailKind = 'login' | 'signup' | 'invite' | 'email_otp' | 'password_reset' | 'discovery';
/**
 * Phone one-time passcodes. Tessera has no SMS or WhatsApp provider: these messages exist only on test
 * projects and always stay in the local outbox (status `local`), even when SMTP is configured.
 */
export type PhoneKind = 'sms_otp' | 'whatsapp_otp';
export type MailKind = EmailKind | PhoneKind;

export const isPhoneKind = (kind: string): kind is PhoneKind => kind === 'sms_otp' || kind === 'whatsapp_otp';

export interface MailMessage {
  kind: MailKind;
  /** The recipient's address (a phone number in E.164 for `sms_otp` / `whatsapp_otp`). */
  to: string;
  /** The link to follow, token included (magic links, reset, discovery). */
  link?: string;
  /** The 6-digit code (email, SMS and WhatsApp OTP). */
  code?: string;
  /** How long the link or code is valid. */
  expiration_minutes: number;
  /** `login_template_id` & co., when the request named one. */
  template_id?: string;
  locale?: string;
  /** B2B: the organization the message is about (absent for discovery). */
  organization_name?: string;
  /** Consumer or B2B flow. */
  vertical: 'consumer' | 'b2b';
}

/** How mail leaves this process, chosen by the runtime (`TESSERA_SMTP_URL` or the local outbox). */
export interface MailDelivery {
  /** `smtp`: messages are queued for the sender; `outbox`: they stay in the local outbox for the developer. */
  readonly mode: 'smtp' | 'outbox';
  /** Wakes the sender after a message was queued (a no-op without SMTP). */
  notify(): void;
}

/** Without SMTP: every message stays in the local outbox. */
export const outboxOnly: MailDelivery = Object.freeze({ mode: 'outbox', notify() {} });
