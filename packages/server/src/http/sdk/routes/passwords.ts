import { Type } from 'typebox';
import { authenticatePassword } from '../../../domain/passwords/authenticate-password.js';
import { createPasswordUser } from '../../../domain/passwords/create-password-user.js';
import { passwordStrength } from '../../../domain/passwords/password-strength.js';
import { resetExistingPassword } from '../../../domain/passwords/reset-existing-password.js';
import { resetPasswordBySession } from '../../../domain/passwords/reset-password-by-session.js';
import { loginResponse } from '../../routes/session-fields.js';
import { Body, Email, SessionFields, Str } from '../../schema.js';
import { sdkPublicRoute, sdkSessionRoute } from '../sdk-route.js';
import { startPasswordResetByEmail } from '../../../domain/passwords/start-password-reset-by-email.js';
import { resetPasswordByEmail } from '../../../domain/passwords/reset-password-by-email.js';
import { CodeVerifier, LinkToken, ResetStartFields } from '../../routes/email-fields.js';

const Password = (errorType: 'invalid_argument' | 'weak_password' = 'invalid_argument') => Str({ maxLength: 1024, errorType });
const Duration = SessionFields.session_duration_minutes;

// The frontend may only send what the SDK sends: no metadata, custom claims or session arguments (those are
// the backend's, with the secret). Unknown fields (captcha_token, dfp_telemetry_id) are ignored.
export const sdkPasswordRoutes = [
  sdkPublicRoute({
    method: 'POST',
    url: '/sdk/v1/passwords',
    summary: 'Create a user with a password (and a session when session_duration_minutes is given)',
    body: Body({ email: Email(), password: Password('weak_password'), session_duration_minutes: Duration }),
    async handler({ ctx }, { body }) {
      const { user, email_id, session } = await createPasswordUser(ctx, { email: body.email, password: body.password, session_duration_minutes: body.session_duration_minutes });
      return { email_id, ...loginResponse(ctx, user, session) };
    },
  }),
  sdkPublicRoute({
    method: 'POST',
    url: '/sdk/v1/passwords/authenticate',
    summary: "Authenticate a user's email and password (unknown email and wrong password answered as by the backend)",
    body: Body({ email: Email(), password: Password(), session_duration_minutes: Duration }),
    async handler({ ctx }, { body }) {
      const { user, session } = await authenticatePassword(ctx, { email: body.email, password: body.password, session_duration_minutes: body.session_duration_minutes });
      return loginResponse(ctx, user, session);
    },
  }),
  sdkPublicRoute({
    method: 'POST',
    url: '/sdk/v1/passwords/strength_check',
    summary: 'Check a password against the strength policy',
    body: Body({ password: Password(), email: Type.Optional(Email()) }),
    async handler(_sdk, { body }) {
      return passwordStrength(body.password, body.email);
    },
  }),
  sdkSessionRoute({
    method: 'POST',
    url: '/sdk/v1/passwords/session/reset',
    summary: "Reset the password of the caller's recently authenticated session; revokes the user's other sessions",
    body: Body({ password: Password('weak_password'), session_duration_minutes: Duration }),
    async handler({ ctx, sessionToken }, { body }) {
      const { user, session } = await resetPasswordBySession(ctx, { password: body.password, session_token: sessionToken, session_duration_minutes: body.session_duration_minutes });
      return loginResponse(ctx, user, session);
    },
  }),
  sdkPublicRoute({
    method: 'POST',
    url: '/sdk/v1/passwords/existing_password/reset',
    summary: "Reset a password with the existing one; revokes all of the user's sessions",
    body: Body({ email: Email(), existing_password: Password(), new_password: Password('weak_password'), session_duration_minutes: Duration }),
    async handler({ ctx }, { body }) {
      const { user, session } = await resetExistingPassword(ctx, {
        email: body.email,
        existing_password: body.existing_password,
        new_password: body.new_password,
        session_duration_minutes: body.session_duration_minutes,
      });
      return loginResponse(ctx, user, session);
    },
  }),
  sdkPublicRoute({
    method: 'POST',
    url: '/sdk/v1/passwords/email/reset/start',
    summary: 'Email a password reset link (redirect URL on an allowed origin)',
    body: Body(ResetStartFields),
    async handler({ ctx }, { body }) {
      await startPasswordResetByEmail(ctx, body, 'sdk');
      return {};
    },
  }),
  sdkPublicRoute({
    method: 'POST',
    url: '/sdk/v1/passwords/email/reset',
    summary: "Set a new password with a reset link token; revokes all of the user's sessions and starts a new one",
    body: Body({ token: LinkToken('password_reset_token_not_found'), password: Password('weak_password'), session_duration_minutes: Duration, code_verifier: CodeVerifier }),
    async handler({ ctx }, { body }) {
      const { user, session } = await resetPasswordByEmail(ctx, {
        token: body.token,
        password: body.password,
        code_verifier: body.code_verifier,
        session_duration_minutes: body.session_duration_minutes,
      });
      return loginResponse(ctx, user, session);
    },
  }),
];
