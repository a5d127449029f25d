import { Type } from 'typebox';
import { authenticateMagicLink } from '../../domain/magic-links/authenticate-magic-link.js';
import { createEmbeddedMagicLink } from '../../domain/magic-links/create-embedded-magic-link.js';
import { inviteByEmail } from '../../domain/magic-links/invite-by-email.js';
import { loginOrCreateMagicLink } from '../../domain/magic-links/login-or-create-magic-link.js';
import { revokeInvite } from '../../domain/magic-links/revoke-invite.js';
import { sendMagicLink } from '../../domain/magic-links/send-magic-link.js';
import { Body, Email, JsonObj, Name, SessionFields, Str } from '../schema.js';
import { secretRoute } from '../route.js';
import { Attributes, CodeChallenge, CodeVerifier, LinkToken, Locale, MatchOptions, Minutes, TemplateId, Url } from './email-fields.js';
import { loginResponse } from './session-fields.js';

export const LoginOrCreateFields = {
  email: Email(),
  login_magic_link_url: Url(),
  signup_magic_link_url: Url(),
  login_expiration_minutes: Minutes,
  signup_expiration_minutes: Minutes,
  login_template_id: TemplateId,
  signup_template_id: TemplateId,
  code_challenge: CodeChallenge,
  locale: Locale,
  attributes: Attributes,
};

export const magicLinkRoutes = [
  secretRoute({
    method: 'POST',
    url: '/v1/magic_links/email/login_or_create',
    summary: 'Email a login link to an existing user, or a signup link to a new (or pending) one',
    body: Body({ ...LoginOrCreateFields, create_user_as_pending: Type.Optional(Type.Boolean()) }),
    async handler(ctx, { body }) {
      return loginOrCreateMagicLink(ctx, body, 'backend');
    },
  }),
  secretRoute({
    method: 'POST',
    url: '/v1/magic_links/email/send',
    summary: "Email a login link to an existing user; with user_id or a session, add the address to that user first",
    body: Body({
      ...LoginOrCreateFields,
      user_id: Type.Optional(Str({ maxLength: 256, errorType: 'invalid_user_id' })),
      session_token: SessionFields.session_token,
      session_jwt: SessionFields.session_jwt,
    }),
    async handler(ctx, { body }) {
      return sendMagicLink(ctx, body, 'backend');
    },
  }),
  secretRoute({
    method: 'POST',
    url: '/v1/magic_links/email/invite',
    summary: 'Create a pending user and email an invite link',
    body: Body({
      email: Email(),
      invite_magic_link_url: Url(),
      invite_expiration_minutes: Minutes,
      invite_template_id: TemplateId,
      name: Type.Optional(Name),
      trusted_metadata: Type.Optional(JsonObj({ errorType: 'invalid_metadata' })),
      untrusted_metadata: Type.Optional(JsonObj({ errorType: 'invalid_metadata' })),
      locale: Locale,
      attributes: Attributes,
    }),
    async handler(ctx, { body }) {
      return inviteByEmail(ctx, body, 'backend');
    },
  }),
  secretRoute({
    method: 'POST',
    url: '/v1/magic_links/email/revoke_invite',
    summary: 'Revoke the pending invite of an address',
    body: Body({ email: Email() }),
    async handler(ctx, { body }) {
      await revokeInvite(ctx, body);
      return {};
    },
  }),
  secretRoute({
    method: 'POST',
    url: '/v1/magic_links',
    summary: 'Create an embeddable magic link token for a user (no email sent)',
    body: Body({ user_id: Str({ maxLength: 256, errorType: 'invalid_user_id' }), expiration_minutes: Minutes, attributes: Attributes }),
    async handler(ctx, { body }) {
      return createEmbeddedMagicLink(ctx, body);
    },
  }),
  secretRoute({
    method: 'POST',
    url: '/v1/magic_links/authenticate',
    summary: 'Authenticate a magic link token (single use; PKCE); verifies the email and activates a pending user',
    body: Body({
      token: LinkToken('magic_link_not_found'),
      code_verifier: CodeVerifier,
      attributes: Attributes,
      options: MatchOptions,
      ...SessionFields,
    }),
    async handler(ctx, { body }) {
      const { user, session, method_id } = await authenticateMagicLink(ctx, body);
      return { method_id, reset_sessions: false, ...loginResponse(ctx, user, session) };
    },
  }),
];
