/**
 * Stytch's consumer sandbox values (the fixed inputs that give fixed answers in Stytch's test
 * environment), in one place. Every consumer email flow asks here first; only test projects have a sandbox,
 * so on live projects these values are ordinary inputs. Nothing here is stored: the sandbox user and
 * session exist only in the answers.
 *
 * Stytch honours these only on its backend API; Tessera also honours them on the frontend API (`/sdk/v1`)
 * of test projects, so a browser test can sign in without reading mail.
 *
 * @module
 */
import type { Session } from '@tessera/core';
import type { FactorRecord, SessionRecord, UserRecord } from '../../store/records.js';
import type { ProjectContext } from '../context.js';
import { ApiError } from '../errors.js';
import { sessionResponse, type AuthenticatedSession } from '../sessions/authenticate-session.js';
import { mintSessionJwt } from '../sessions/mint-jwt.js';
import { newFactor } from '../sessions/session-view.js';
import { checkSessionDuration } from '../validate.js';

export const SANDBOX_EMAIL = 'sandbox@stytch.com';
export const SANDBOX_USER_ID = 'user-test-e3795c81-f849-4167-bfda-e4a6e9c280fd';
/**
 * The sandbox address's email id, which is also the OTP `method_id`. [UNVERIFIED: the value on Stytch's
 * sandbox page could not be read; this is the id commonly quoted from it.]
 */
export const SANDBOX_EMAIL_ID = 'email-test-81bf03a8-86e1-4d95-bd44-bb3495224953';
/** The phone number of Stytch's SMS and WhatsApp sandbox: sends answer 200 and send nothing. */
export const SANDBOX_PHONE_NUMBER = '+10000000000';
/**
 * The sandbox number's phone id, the `method_id` of its code (SMS and WhatsApp alike). [UNVERIFIED: Stytch's
 * sandbox page documents the number but not the id it answers; this fixed id is Tessera's.]
 */
export const SANDBOX_PHONE_ID = 'phone-number-test-d5a3b680-e8a3-40c0-b815-ab79986666d0';
/** The OTP code the sandbox method accepts. [UNVERIFIED: commonly cited as `000000`.] */
export const SANDBOX_OTP_CODE = '000000';

export const SANDBOX_MAGIC_LINK_TOKENS = {
  ok: 'DOYoip3rvIMMW5lgItikFK-Ak1CfMsgjuiCyI7uuU94=',
  used: '3pzjQpgksDlGKWEwUq2Up--hCHC_0oamfLHyfspKDFU=',
  unknown: 'CprTtwhnRNiMBiUS2jSLcWYrfuO2POeBNdo5HhW6qTM=',
} as const;

export const SANDBOX_SESSION_TOKENS = {
  ok: 'WJtR5BCy38Szd5AfoDpf0iqFKEt4EE5JhjlWUY7l3FtY',
  gone: '59cnLELtq5cFVS6uYK9f-pAWzBkhqZl8AvLhbhOvKNWw',
} as const;

/** Stytch's sandbox session id [UNVERIFIED]; its `started_at` is exact, with Stytch's microseconds. */
const SANDBOX_SESSION_ID = 'session-test-fe6c042b-6286-479f-8a4f-b046a6c46509';
const SANDBOX_STARTED_AT = '2021-08-28T00:41:58.935673Z';
const SANDBOX_STARTED_MS = Date.parse('2021-08-28T00:41:58.935Z');
/** How long a sandbox session is said to last when the request names no duration. */
const SANDBOX_SESSION_MINUTES = 60;

const isTest = (ctx: ProjectContext) => ctx.project.env === 'test';

/** True when `email` (normalized) is the sandbox address of a test project: answer without sending mail. */
export const isSandboxEmail = (ctx: ProjectContext, email: string): boolean => isTest(ctx) && email === SANDBOX_EMAIL;

/** True when `phoneNumber` (normalized) is the sandbox number of a test project: answer without sending. */
export const isSandboxPhone = (ctx: ProjectContext, phoneNumber: string): boolean => isTest(ctx) && phoneNumber === SANDBOX_PHONE_NUMBER;

/** True when `methodId` is the sandbox email or phone method of a test project. */
export const isSandboxMethod = (ctx: ProjectContext, methodId: string): boolean =>
  isTest(ctx) && (methodId === SANDBOX_EMAIL_ID || methodId === SANDBOX_PHONE_ID);

/** The answer of every send route for the sandbox address. */
export const sandboxSendResult = () => ({ user_id: SANDBOX_USER_ID, email_id: SANDBOX_EMAIL_ID });

/** The answer of the SMS and WhatsApp send routes for the sandbox number. */
export const sandboxPhoneSendResult = () => ({ user_id: SANDBOX_USER_ID, phone_id: SANDBOX_PHONE_ID });

export function sandboxUser(): UserRecord {
  return {
    user_id: SANDBOX_USER_ID,
    project_id: '',
    external_id: null,
    status: 'active',
    name: { first_name: '', middle_name: '', last_name: '' },
    trusted_metadata: {},
    untrusted_metadata: {},
    roles: [],
    created_at: SANDBOX_STARTED_MS,
    password: null,
    failed_attempts: 0,
    failed_window_started_at: null,
    lock_created_at: null,
    lock_expires_at: null,
    emails: [{ email_id: SANDBOX_EMAIL_ID, email: SANDBOX_EMAIL, verified: true, created_at: SANDBOX_STARTED_MS }],
    phones: [{ phone_id: SANDBOX_PHONE_ID, phone_number: SANDBOX_PHONE_NUMBER, verified: true, created_at: SANDBOX_STARTED_MS }],
  };
}

const emailFactor = (type: string, now: number): FactorRecord =>
  newFactor(type, 'email', now, { email_factor: { email_id: SANDBOX_EMAIL_ID, email_address: SANDBOX_EMAIL } });

/** The sandbox number's factor. Decision [UNVERIFIED]: one method for SMS and WhatsApp, reported as `sms`. */
const phoneFactor = (now: number): FactorRecord =>
  newFactor('otp', 'sms', now, { phone_number_factor: { phone_id: SANDBOX_PHONE_ID, phone_number: SANDBOX_PHONE_NUMBER } });

/** The sandbox session as of `now` (never stored; its token is the sandbox session token). */
async function sandboxSession(ctx: ProjectContext, factor: FactorRecord, minutes: number, startedAt: number): Promise<AuthenticatedSession> {
  const now = ctx.clock();
  const user = { ...sandboxUser(), project_id: ctx.project.project_id };
  const record: SessionRecord = {
    session_id: SANDBOX_SESSION_ID,
    project_id: ctx.project.project_id,
    user_id: SANDBOX_USER_ID,
    token_hash: '',
    token_salt: '',
    started_at: startedAt,
    last_accessed_at: now,
    expires_at: now + minutes * 60_000,
    revoked_at: null,
    attributes: { ip_address: '', user_agent: '' },
    factors: [factor],
    custom_claims: {},
    version: 0,
  };
  return { record, user, session_token: SANDBOX_SESSION_TOKENS.ok, session_jwt: await mintSessionJwt(ctx, record, user) };
}

/** What a sandbox login answers: the sandbox user, and a session only when a duration (or session) was given. */
async function sandboxLogin(
  ctx: ProjectContext,
  type: string,
  opts: { session_duration_minutes?: number | undefined; session_token?: string | undefined; session_jwt?: string | undefined },
  factorOf: (now: number) => FactorRecord = (now) => emailFactor(type, now),
): Promise<{ user: UserRecord; session: AuthenticatedSession | null }> {
  const user = { ...sandboxUser(), project_id: ctx.project.project_id };
  const wantsSession = opts.session_duration_minutes !== undefined || !!opts.session_token || !!opts.session_jwt;
  if (!wantsSession) return { user, session: null };
  const now = ctx.clock();
  return { user, session: await sandboxSession(ctx, factorOf(now), opts.session_duration_minutes ?? SANDBOX_SESSION_MINUTES, now) };
}

/**
 * `magic_links/authenticate` with a sandbox token: the good one signs the sandbox user in, the used one is
 * 401 `unable_to_auth_magic_link`, the unknown one 404 `magic_link_not_found`. Null for any other token.
 */
export async function sandboxMagicLink(
  ctx: ProjectContext,
  token: string,
  opts: Parameters<typeof sandboxLogin>[2],
): Promise<{ user: UserRecord; session: AuthenticatedSession | null } | null> {
  if (!isTest(ctx)) return null;
  if (token === SANDBOX_MAGIC_LINK_TOKENS.used) throw new ApiError('unable_to_auth_magic_link');
  if (token === SANDBOX_MAGIC_LINK_TOKENS.unknown) throw new ApiError('magic_link_not_found');
  if (token !== SANDBOX_MAGIC_LINK_TOKENS.ok) return null;
  return sandboxLogin(ctx, 'magic_link', opts);
}

/** `otps/authenticate` on a sandbox method (email or phone): `000000` signs the sandbox user in, any other code is 401. */
export async function sandboxOtp(
  ctx: ProjectContext,
  methodId: string,
  code: string,
  opts: Parameters<typeof sandboxLogin>[2],
): Promise<{ user: UserRecord; session: AuthenticatedSession | null } | null> {
  if (!isSandboxMethod(ctx, methodId)) return null;
  if (code !== SANDBOX_OTP_CODE) throw new ApiError('unable_to_auth_otp_code');
  return sandboxLogin(ctx, 'otp', opts, methodId === SANDBOX_PHONE_ID ? phoneFactor : undefined);
}

type SandboxSessionAnswer = ReturnType<typeof sessionResponse> & { session: Session };

/**
 * `sessions/authenticate` with a sandbox session token: the good one is the sandbox user's session started
 * 2021-08-28T00:41:58.935673Z, with a JWT signed by the project's key (so it verifies against the JWKS);
 * the other is 404 `session_not_found`. Null for any other input, at once: the authenticate hot path calls
 * this first and pays no promise for it.
 */
export function sandboxSessionAuthenticate(
  ctx: ProjectContext,
  input: { session_token?: string | undefined; session_duration_minutes?: number | undefined },
): Promise<SandboxSessionAnswer> | null {
  if (!isTest(ctx) || !input.session_token) return null;
  if (input.session_token === SANDBOX_SESSION_TOKENS.gone) return Promise.reject(new ApiError('session_not_found'));
  if (input.session_token !== SANDBOX_SESSION_TOKENS.ok) return null;
  return sandboxSessionAnswer(ctx, input.session_duration_minutes);
}

async function sandboxSessionAnswer(ctx: ProjectContext, minutes: number | undefined): Promise<SandboxSessionAnswer> {
  if (minutes !== undefined) checkSessionDuration(minutes);
  const session = await sandboxSession(ctx, emailFactor('magic_link', SANDBOX_STARTED_MS), minutes ?? SANDBOX_SESSION_MINUTES, SANDBOX_STARTED_MS);
  const wire = sessionResponse(ctx, session);
  return { ...wire, session: { ...wire.session, started_at: SANDBOX_STARTED_AT } };
}
