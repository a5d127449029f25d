/**
 * Request and response shapes of the consumer frontend API (docs/architecture.md, "Frontend API"), as the client returns
 * them (`__user` removed). Wire objects come from @tessera/core.
 *
 * @module
 */
import type { LUDSRequirements, Session, User, UserName } from '@tessera/core';

export type { Session, User, UserName };

/** Fields of every answer. */
export interface ResponseCommon {
  request_id: string;
  status_code: number;
}

/** A login: `session` is null (and the tokens empty) when no `session_duration_minutes` was asked. */
export interface AuthenticateResponse extends ResponseCommon {
  user_id: string;
  user: User;
  session: Session | null;
  session_token: string;
  session_jwt: string;
}

/** `session.authenticate`: always a session. */
export interface SessionAuthenticateResponse extends ResponseCommon {
  user: User;
  session: Session;
  session_token: string;
  session_jwt: string;
}

export interface PasswordCreateResponse extends AuthenticateResponse {
  email_id: string;
}

export interface PasswordStrengthCheckResponse extends ResponseCommon {
  valid_password: boolean;
  score: number;
  breached_password: boolean;
  strength_policy: string;
  breach_detection_on_create: boolean;
  feedback: { warning: string; suggestions: string[]; luds_requirements?: LUDSRequirements };
}

export interface UserUpdateResponse extends ResponseCommon {
  user_id: string;
  emails: User['emails'];
  phone_numbers: User['phone_numbers'];
  crypto_wallets: unknown[];
}

export interface SessionDurationOptions {
  /** Minutes the session lasts (5 ... 527040). Without it a login creates no session. */
  session_duration_minutes: number;
}

/** The consumer state: the session and its user. */
export interface ConsumerState {
  session: Session;
  user: User;
}

/** `{ user, fromCache }` / `{ session, fromCache }`, as the official `getInfo()` returns them. */
export type InfoOf<K extends string, V> = { fromCache: boolean } & { [P in K]: V | null };
