import { Type } from 'typebox';
import { authenticateMemberPassword } from '../../../domain/b2b/passwords/authenticate-member-password.js';
import { migrateMemberPassword } from '../../../domain/b2b/passwords/migrate-member-password.js';
import { resetMemberPasswordByEmail } from '../../../domain/b2b/passwords/reset-member-password-by-email.js';
import { startMemberPasswordReset } from '../../../domain/b2b/passwords/start-member-password-reset.js';
import { passwordStrength } from '../../../domain/passwords/password-strength.js';
import { Body, Email, SessionFields, Str } from '../../schema.js';
import { secretRoute } from '../../route.js';
import { MigrateHashFields } from '../password-hash-fields.js';
import { MemberFields } from './b2b-schema.js';
import { Challenge, Ist, Locale, Minutes, OneTimeToken, TemplateId, Url, Verifier } from './passwordless-schema.js';
import { resetResponse, resetStartResponse } from './passwordless-responses.js';
import { memberLoginResponse, memberResponse } from './responses.js';

export const ResetStartBody = Body({
  organization_id: Str({ maxLength: 256 }),
  email_address: Email(),
  reset_password_redirect_url: Url(),
  reset_password_expiration_minutes: Minutes(),
  code_challenge: Challenge(),
  login_redirect_url: Url(),
  locale: Locale(),
  reset_password_template_id: TemplateId(),
  verify_email_template_id: TemplateId(),
});

export const ResetByEmailBody = Body({
  password_reset_token: OneTimeToken(),
  password: Str({ maxLength: 1024 }),
  code_verifier: Verifier(),
  ...SessionFields,
  intermediate_session_token: Ist(),
  locale: Locale(),
});

const Password = () => Str({ maxLength: 1024 });
const OrganizationId = () => Str({ maxLength: 256 });

export const b2bPasswordRoutes = [
  secretRoute({
    method: 'POST',
    url: '/v1/b2b/passwords/authenticate',
    summary: "Authenticate a member's email and password in an organization (a 60-minute session unless told otherwise)",
    body: Body({
      organization_id: OrganizationId(),
      email_address: Email(),
      password: Password(),
      ...SessionFields,
      intermediate_session_token: Type.Optional(Str({ maxLength: 1024 })),
      locale: Type.Optional(Str({ maxLength: 16 })),
    }),
    async handler(ctx, { body }) {
      return memberLoginResponse(ctx, await authenticateMemberPassword(ctx, body));
    },
  }),
  secretRoute({
    method: 'POST',
    url: '/v1/b2b/passwords/strength_check',
    audit: false, // a read
    summary: 'Check a password against the strength policy (zxcvbn, score >= 3)',
    body: Body({ password: Password(), email_address: Type.Optional(Email()) }),
    async handler(_ctx, { body }) {
      const { feedback, ...result } = passwordStrength(body.password, body.email_address);
      return { ...result, zxcvbn_feedback: { warning: feedback.warning, suggestions: feedback.suggestions }, luds_feedback: feedback.luds_requirements };
    },
  }),
  secretRoute({
    method: 'POST',
    url: '/v1/b2b/passwords/migrate',
    summary: 'Import a password hash for a member (created when the email is new in the organization)',
    body: Body({
      organization_id: OrganizationId(),
      email_address: Email(),
      ...MigrateHashFields,
      ...MemberFields,
      preserve_existing_sessions: Type.Optional(Type.Boolean()),
      set_phone_number_verified: Type.Optional(Type.Boolean()),
    }),
    async handler(ctx, { body }) {
      const { member_created, ...r } = await migrateMemberPassword(ctx, body as Parameters<typeof migrateMemberPassword>[1]);
      return { ...memberResponse(ctx, r), member_created };
    },
  }),
  secretRoute({
    method: 'POST',
    url: '/v1/b2b/passwords/email/reset/start',
    summary: 'Mail a member a password reset link (30 minutes unless told otherwise)',
    body: ResetStartBody,
    async handler(ctx, { body }) {
      return resetStartResponse(ctx, await startMemberPasswordReset(ctx, body, 'backend'));
    },
  }),
  secretRoute({
    method: 'POST',
    url: '/v1/b2b/passwords/email/reset',
    summary: "Set a member's password with a reset link; revokes all of the member's sessions and starts a new one",
    body: ResetByEmailBody,
    async handler(ctx, { body }) {
      return resetResponse(ctx, await resetMemberPasswordByEmail(ctx, body));
    },
  }),
];
