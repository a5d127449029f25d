import type { JsonObject } from '@tessera/core';
import type { ProjectContext } from '../context.js';
import { ApiError } from '../errors.js';
import { newFactor } from '../sessions/session-view.js';
import { checkSessionOptions, issueSession, type SessionOptions } from '../sessions/start-session.js';
import { createUser } from '../users/create-user.js';
import { normalizeEmail } from '../validate.js';
import { assertStrongPassword, newPasswordRecord } from './password-policy.js';

export interface CreatePasswordUserInput extends SessionOptions {
  email: string;
  password: string;
  name?: { first_name?: string; middle_name?: string; last_name?: string } | undefined;
  trusted_metadata?: JsonObject | undefined;
  untrusted_metadata?: JsonObject | undefined;
}

/**
 * `POST /v1/passwords`: creates a new user with a password (an existing email is `duplicate_email`, as
 * with Stytch: existing users get a password through migrate or a reset flow), then a session if asked.
 */
export async function createPasswordUser(ctx: ProjectContext, input: CreatePasswordUserInput) {
  const email = normalizeEmail(input.email);
  checkSessionOptions(input);
  if (await ctx.stores.users.byEmail(ctx.project.project_id, email)) throw new ApiError('duplicate_email');
  assertStrongPassword(input.password, email);
  const password = await newPasswordRecord(ctx, input.password);
  const user = await createUser(ctx, {
    email,
    name: input.name,
    trusted_metadata: input.trusted_metadata,
    untrusted_metadata: input.untrusted_metadata,
    password,
  });
  const session = await issueSession(ctx, user, newFactor('password', 'knowledge', ctx.clock()), {
    ...input,
    session_token: undefined,
    session_jwt: undefined,
  });
  return { user, email_id: user.emails[0]!.email_id, session };
}
