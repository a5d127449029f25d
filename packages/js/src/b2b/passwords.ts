/**
 * `client.passwords` (B2B): the routes Tessera's frontend API serves.
 *
 * @module
 */
import type { SessionCore } from '../internal/session-core.js';
import type { SessionDurationOptions } from '../types.js';
import type { B2BAuthenticateResponse, B2BPasswordStrengthCheckResponse, B2BState } from './types.js';

type InOrganization = { organization_id: string; email_address: string; locale?: string };

export interface B2BPasswordsClient {
  authenticate(options: InOrganization & { password: string } & SessionDurationOptions): Promise<B2BAuthenticateResponse>;
  strengthCheck(options: { password: string; email_address?: string }): Promise<B2BPasswordStrengthCheckResponse>;
  resetBySession(options: { password: string } & SessionDurationOptions): Promise<B2BAuthenticateResponse>;
  resetByExistingPassword(options: InOrganization & { existing_password: string; new_password: string } & SessionDurationOptions): Promise<B2BAuthenticateResponse>;
}

export function b2bPasswordsClient(core: SessionCore<B2BState>): B2BPasswordsClient {
  return {
    authenticate: (o) => core.login<B2BAuthenticateResponse>('/b2b/passwords/authenticate', o),
    strengthCheck: (o) => core.request<B2BPasswordStrengthCheckResponse>('POST', '/b2b/passwords/strength_check', o),
    resetBySession: (o) => core.login<B2BAuthenticateResponse>('/b2b/passwords/session/reset', o),
    resetByExistingPassword: (o) => core.login<B2BAuthenticateResponse>('/b2b/passwords/existing_password/reset', o),
  };
}
