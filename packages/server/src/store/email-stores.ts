/**
 * Storage for passwordless and email (issue #16): one-time tokens (magic links, email OTP codes, password
 * reset links, discovery and intermediate sessions), the mail outbox and rate-limit counters. As with the
 * other stores, each method is atomic on its own and the rules (expiry, attempt limits, which token a
 * request may use) live in the domain.
 *
 * @module
 */
import type { JsonObject } from '@tessera/core';

/**
 * What a one-time token is for. `magic_link` covers login, signup and invite links (`data.link_type`),
 * consumer and B2B; `discovery` is a B2B discovery magic link; `intermediate_session` a B2B intermediate
 * session token.
 */
export type OneTimePurpose = 'magic_link' | 'otp' | 'password_reset' | 'discovery' | 'intermediate_session';

export interface OneTimeTokenRecord {
  token_id: string;
  project_id: string;
  purpose: OneTimePurpose;
  /**
   * HMAC-SHA256 (base64url) of the token or code under the project's token key (domain/email/one-time-token.ts):
   * neither a token nor a 6-digit code can be recovered or brute-forced from the database alone.
   */
  token_hash: string;
  /**
   * The email_id or phone_id (consumer) or the member's method id (B2B) the token was sent to; one live OTP
   * per method.
   */
  method_id: string | null;
  /** user_id or member_id (null for discovery tokens, which name only an email address). */
  subject_id: string | null;
  organization_id: string | null;
  /** The recipient: an email address, or the phone number (E.164) of an SMS/WhatsApp code. */
  email: string;
  /** Purpose-specific facts (link type, redirect URL, factors of an intermediate session...). */
  data: JsonObject;
  /** PKCE `code_challenge` (base64url SHA-256 of the verifier), when the request sent one. */
  pkce_challenge: string | null;
  /** Wrong codes tried against this token. */
  attempts: number;
  created_at: number;
  expires_at: number;
  /** When it was used, superseded or revoked; a token is live while this is null and `expires_at > now`. */
  used_at: number | null;
}

export interface OneTimeTokenStore {
  /**
   * Inserts a token. With `supersede`, first ends (used_at = created_at) every live token of the same
   * project, purpose and method_id, in the same transaction: one live code per method.
   */
  insert(token: OneTimeTokenRecord, opts?: { supersede?: boolean }): Promise<void>;
  /** A token by its hash, live or not (so the domain can tell "unknown" from "used or expired"). */
  byHash(projectId: string, purposes: OneTimePurpose[], tokenHash: string): Promise<OneTimeTokenRecord | null>;
  /** The live token of a method (newest), for OTP codes. */
  liveForMethod(projectId: string, purpose: OneTimePurpose, methodId: string, now: number): Promise<OneTimeTokenRecord | null>;
  /** Ends the token iff it is still live at `now`; true when this call ended it (single use under races). */
  consume(projectId: string, tokenId: string, now: number): Promise<boolean>;
  /**
   * Counts one wrong code against a live token and ends it once `attempts` reaches `max`; returns the
   * count after this failure (0 when the token was no longer live).
   */
  countFailure(projectId: string, tokenId: string, max: number, now: number): Promise<number>;
  /** Ends the live tokens of a purpose for a subject or an email (revoked invite, reset password...). */
  revoke(projectId: string, filter: { purpose: OneTimePurpose; subject_id?: string; email?: string }, now: number): Promise<number>;
  /** Deletes tokens that expired before `before`. */
  purgeExpired(before: number): Promise<number>;
}

/**
 * `local`: kept for the developer (no SMTP configured); `queued`: waiting for (another) SMTP attempt;
 * `sent`: accepted by the SMTP server (payload wiped); `failed`: gave up after the last retry.
 */
export type OutboxStatus = 'local' | 'queued' | 'sent' | 'failed';

export interface OutboxRecord {
  message_id: string;
  project_id: string;
  /** The mail's kind (see domain/mail/message.ts). */
  kind: string;
  recipient: string;
  /** The message, AES-256-GCM sealed under a key derived from the master key; '' once sent. */
  payload: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
  /** When the row (and its payload) may be purged. */
  expires_at: number;
}

export interface OutboxStore {
  insert(message: OutboxRecord): Promise<void>;
  /**
   * Claims up to `limit` `queued` messages due at `now` by moving their `next_attempt_at` to
   * `now + leaseMs`, so two senders (or a restart mid-send) never lose a message and rarely send one twice.
   */
  claimDue(now: number, limit: number, leaseMs: number): Promise<OutboxRecord[]>;
  markSent(messageId: string, now: number): Promise<void>;
  markRetry(messageId: string, attempts: number, nextAttemptAt: number, error: string): Promise<void>;
  markFailed(messageId: string, attempts: number, error: string, now: number): Promise<void>;
  /** A project's messages, newest first. */
  list(projectId: string, opts: { limit: number; status?: OutboxStatus }): Promise<OutboxRecord[]>;
  get(projectId: string, messageId: string): Promise<OutboxRecord | null>;
  /** Deletes messages past `expires_at` that are not waiting to be sent. */
  purgeExpired(now: number): Promise<number>;
}

export interface RateLimitStore {
  /**
   * Counts one hit in the fixed window starting at `windowStart` for the bucket (a new window resets the
   * count) and returns the count including this hit. Atomic under parallel requests and processes.
   */
  hit(projectId: string, bucket: string, windowStart: number): Promise<number>;
}

/** Where a kind of link points when the request names no URL, and the sender address; null when unset. */
export interface MailSettings {
  login_redirect_url: string | null;
  signup_redirect_url: string | null;
  invite_redirect_url: string | null;
  reset_redirect_url: string | null;
  discovery_redirect_url: string | null;
  /** The From of the project's mail (default: the server's `TESSERA_MAIL_FROM`). */
  from_address: string | null;
}

export const NO_MAIL_SETTINGS: Readonly<MailSettings> = Object.freeze({
  login_redirect_url: null,
  signup_redirect_url: null,
  invite_redirect_url: null,
  reset_redirect_url: null,
  discovery_redirect_url: null,
  from_address: null,
});

export interface MailSettingsStore {
  /** The project's settings; all null when never set. */
  get(projectId: string): Promise<MailSettings>;
  /** Changes some settings (null clears one), keeping the others; returns them all. */
  update(projectId: string, patch: Partial<MailSettings>, now: number): Promise<MailSettings>;
}
