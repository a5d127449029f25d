import { Type } from 'typebox';
import { authenticatePassword } from '../../domain/passwords/authenticate-password.js';
import { createPasswordUser } from '../../domain/passwords/create-password-user.js';
import { migratePassword } from '../../domain/passwords/migrate-password.js';
import { resetExistingPassword } from '../../domain/passwords/reset-existing-password.js';
import { resetPasswordBySession } from '../../domain/passwords/reset-password-by-session.js';
import { userView } from '../../domain/users/user-view.js';
import { passwordStrength } from '../../domain/passwords/password-strength.js';
import { Body, Email, JsonObj, Name, SessionFields, Str } from '../schema.js';
import { secretRoute } from '../route.js';
import { MigrateHashFields } from './password-hash-fields.js';
import { loginResponse } from './session-fields.js';
import { startPasswordResetByEmail } from '../../domain/passwords/start-password-reset-by-email.js';
import { resetPasswordByEmail } from '../../domain/passwords/reset-password-by-email.js';
import { Attributes, CodeVerifier, LinkToken, ResetStartFields } from './email-fields.js';

const Password = (errorType: 'invalid_argument' | 'weak_password' = 'invalid_argument') => Str({ maxLength: 1024, errorType });

export const passwordRoutes = [
  secretRoute({
    method: 'POST',
    url: '/v1/passwords',
    summary: 'Create a new user with a password (and a session when session_duration_minutes is given)',
    body: Body({
      email: Email(),
      password: Password('weak_password'),
      name: Type.Optional(Name),
      trusted_metadata: Type.Optional(JsonObj({ errorType: 'invalid_metadata' })),
      untrusted_metadata: Type.Optional(JsonObj({ errorType: 'invalid_metadata' })),
      session_duration_minutes: SessionFields.session_duration_minutes,
      session_custom_claims: SessionFields.session_custom_claims,
    }),
    async handler(ctx, { body }) {
      const { user, email_id, session } = await createPasswordUser(ctx, body);
      return { email_id, ...loginResponse(ctx, user, session) };
    },
  }),
  secretRoute({
    method: 'POST',
    url: '/v1/passwords/authenticate',
    summary: "Authenticate a user's email and password",
    body: Body({ email: Email(), password: Password(), ...SessionFields }),
    async handler(ctx, { body }) {
      const { user, session } = await authenticatePassword(ctx, body);
      return loginResponse(ctx, user, session);
    },
  }),
  secretRoute({
    method: 'POST',
    url: '/v1/passwords/strength_check',
    audit: false, // a read
    summary: 'Check a password against the strength policy (zxcvbn, score >= 3)',
    body: Body({ password: Password(), email: Type.Optional(Email()) }),
    async handler(_ctx, { body }) {
      return passwordStrength(body.password, body.email);
    },
  }),
  secretRoute({
    method: 'POST',
    url: '/v1/passwords/migrate',
    summary: 'Import a password hash (bcrypt, scrypt, argon2, pbkdf2, md5, sha-1, sha-512, phpass)',
    body: Body({
      email: Email(),
      ...MigrateHashFields,
      trusted_metadata: Type.Optional(JsonObj({ errorType: 'invalid_metadata' })),
      untrusted_metadata: Type.Optional(JsonObj({ errorType: 'invalid_metadata' })),
      set_email_verified: Type.Optional(Type.Boolean()),
      name: Type.Optional(Name),
      phone_number: Type.Optional(Str({ maxLength: 64, errorType: 'invalid_phone_number' })),
      set_phone_number_verified: Type.Optional(Type.Boolean()),
      external_id: Type.Optional(Str({ maxLength: 256, errorType: 'invalid_external_id' })),
      roles: Type.Optional(Type.Array(Str({ maxLength: 64 }), { maxItems: 100, errorType: 'invalid_roles' })),
    }),
    async handler(ctx, { body }) {
      const { user, email_id, user_created } = await migratePassword(ctx, body as Parameters<typeof migratePassword>[1]);
      return { user_id: user.user_id, email_id, user_created, user: userView(user, ctx.clock()) };
    },
  }),
  secretRoute({
    method: 'POST',
    url: '/v1/passwords/existing_password/reset',
    summary: 'Reset a password with the existing one; revokes all of the user’s sessions',
    body: Body({ email: Email(), existing_password: Password(), new_password: Password('weak_password'), ...SessionFields }),
    async handler(ctx, { body }) {
      const { user, session } = await resetExistingPassword(ctx, body);
      return loginResponse(ctx, user, session);
    },
  }),
  secretRoute({
    method: 'POST',
    url: '/v1/passwords/session/reset',
    summary: 'Reset the password of a recently authenticated session; revokes the user’s other sessions',
    body: Body({ password: Password('weak_password'), ...SessionFields }),
    async handler(ctx, { body }) {
      const { user, session } = await resetPasswordBySession(ctx, body);
      return loginResponse(ctx, user, session);
    },
  }),
  secretRoute({
    method: 'POST',
    url: '/v1/passwords/email/reset/start',
    summary: 'Email a password reset link (stytch_token_type=reset_password) to an existing user',
    body: Body({ ...ResetStartFields, attributes: Attributes }),
    async handler(ctx, { body }) {
      return startPasswordResetByEmail(ctx, body, 'backend');
    },
  }),
  secretRoute({
    method: 'POST',
    url: '/v1/passwords/email/reset',
    summary: 'Set a new password with a reset link token; revokes all of the user’s sessions',
    body: Body({
      token: LinkToken('password_reset_token_not_found'),
      password: Password('weak_password'),
      code_verifier: CodeVerifier,
      attributes: Attributes,
      options: Type.Optional(Type.Unknown()),
      ...SessionFields,
    }),
    async handler(ctx, { body }) {
      const { user, session } = await resetPasswordByEmail(ctx, body);
      return loginResponse(ctx, user, session);
    },
  }),
];
