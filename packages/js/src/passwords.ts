/**
 * `client.passwords` (docs/architecture.md, "Frontend API"): the routes Tessera's frontend API serves.
 *
 * @module
 */
import type { SessionCore } from './internal/session-core.js';
import { omitUser } from './internal/omit-user.js';
import type { AuthenticateResponse, ConsumerState, PasswordCreateResponse, PasswordStrengthCheckResponse, SessionDurationOptions } from './types.js';

export interface PasswordsClient {
  create(options: { email: string; password: string } & SessionDurationOptions): Promise<PasswordCreateResponse>;
  authenticate(options: { email: string; password: string } & SessionDurationOptions): Promise<AuthenticateResponse>;
  strengthCheck(options: { password: string; email?: string }): Promise<PasswordStrengthCheckResponse>;
  resetBySession(options: { password: string } & SessionDurationOptions): Promise<AuthenticateResponse>;
  resetByExistingPassword(options: { email: string; existing_password: string; new_password: string } & SessionDurationOptions): Promise<AuthenticateResponse>;
}

export function passwordsClient(core: SessionCore<ConsumerState>): PasswordsClient {
  return {
    create: async (o) => omitUser(await core.login<PasswordCreateResponse>('/passwords', o)),
    authenticate: async (o) => omitUser(await core.login<AuthenticateResponse>('/passwords/authenticate', o)),
    strengthCheck: (o) => core.request<PasswordStrengthCheckResponse>('POST', '/passwords/strength_check', o),
    resetBySession: async (o) => omitUser(await core.login<AuthenticateResponse>('/passwords/session/reset', o)),
    resetByExistingPassword: async (o) => omitUser(await core.login<AuthenticateResponse>('/passwords/existing_password/reset', o)),
  };
}
