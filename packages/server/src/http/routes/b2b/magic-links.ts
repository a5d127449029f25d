import { Type } from 'typebox';
import { authenticateMagicLink } from '../../../domain/b2b/magic-links/authenticate-magic-link.js';
import { inviteMember } from '../../../domain/b2b/magic-links/invite-member.js';
import { magicLinkLoginOrSignup } from '../../../domain/b2b/magic-links/login-or-signup.js';
import { authenticateDiscoveryLink } from '../../../domain/b2b/discovery/authenticate-discovery-link.js';
import { sendDiscoveryLink } from '../../../domain/b2b/discovery/send-discovery-link.js';
import { sandboxMagicLinkAuthenticate } from '../../../domain/sandbox/b2b.js';
import { Body, Email, SessionFields } from '../../schema.js';
import { secretRoute } from '../../route.js';
import { MemberFields } from './b2b-schema.js';
import { memberSessionHeaders } from './member-session-headers.js';
import { Challenge, Ist, Locale, Minutes, OneTimeToken, OrganizationId, TemplateId, Url, Verifier } from './passwordless-schema.js';
import { emailLoginResponse, loginOrSignupResponse, sandboxLoginResponse } from './passwordless-responses.js';
import { memberResponse } from './responses.js';

export const LoginOrSignupBody = Body({
  organization_id: OrganizationId(),
  email_address: Email(),
  login_redirect_url: Url(),
  signup_redirect_url: Url(),
  pkce_code_challenge: Challenge(),
  login_template_id: TemplateId(),
  signup_template_id: TemplateId(),
  locale: Locale(),
  login_expiration_minutes: Minutes(),
  signup_expiration_minutes: Minutes(),
});

export const InviteBody = Body({
  organization_id: OrganizationId(),
  email_address: Email(),
  invite_redirect_url: Url(),
  invited_by_member_id: Type.Optional(OrganizationId()),
  name: MemberFields.name,
  trusted_metadata: MemberFields.trusted_metadata,
  untrusted_metadata: MemberFields.untrusted_metadata,
  roles: MemberFields.roles,
  invite_template_id: TemplateId(),
  locale: Locale(),
  invite_expiration_minutes: Minutes(),
});

export const MagicLinkAuthenticateBody = Body({
  magic_links_token: OneTimeToken(),
  pkce_code_verifier: Verifier(),
  ...SessionFields,
  intermediate_session_token: Ist(),
  locale: Locale(),
});

export const DiscoverySendBody = Body({
  email_address: Email(),
  discovery_redirect_url: Url(),
  pkce_code_challenge: Challenge(),
  login_template_id: TemplateId(),
  locale: Locale(),
  discovery_expiration_minutes: Minutes(),
});

export const DiscoveryAuthenticateBody = Body({ discovery_magic_links_token: OneTimeToken(), pkce_code_verifier: Verifier() });

export const b2bMagicLinkRoutes = [
  secretRoute({
    method: 'POST',
    url: '/v1/b2b/magic_links/email/login_or_signup',
    summary: 'Send a login (active member) or signup (new, pending or invited member) magic link; JIT-provisions by email domain where the organization allows it',
    body: LoginOrSignupBody,
    async handler(ctx, { body }) {
      return loginOrSignupResponse(ctx, await magicLinkLoginOrSignup(ctx, body, 'backend'));
    },
  }),
  secretRoute({
    method: 'POST',
    url: '/v1/b2b/magic_links/email/invite',
    summary: 'Invite a member by email (created or updated as invited; the link is valid a week unless told otherwise)',
    body: InviteBody,
    async handler(ctx, { body, headers }) {
      return memberResponse(ctx, await inviteMember(ctx, body, 'backend', memberSessionHeaders(headers)));
    },
  }),
  secretRoute({
    method: 'POST',
    url: '/v1/b2b/magic_links/authenticate',
    summary: 'Authenticate a B2B magic link: a member session (60 minutes unless told otherwise) or an intermediate session when the organization asks for more',
    body: MagicLinkAuthenticateBody,
    async handler(ctx, { body }) {
      const sandbox = sandboxMagicLinkAuthenticate(ctx, body.magic_links_token);
      if (sandbox) return sandboxLoginResponse(ctx, sandbox);
      return emailLoginResponse(ctx, await authenticateMagicLink(ctx, body));
    },
  }),
  secretRoute({
    method: 'POST',
    url: '/v1/b2b/magic_links/email/discovery/send',
    summary: 'Send a discovery magic link to an email address',
    body: DiscoverySendBody,
    async handler(ctx, { body }) {
      await sendDiscoveryLink(ctx, body, 'backend');
      return {};
    },
  }),
  secretRoute({
    method: 'POST',
    url: '/v1/b2b/magic_links/discovery/authenticate',
    summary: "Authenticate a discovery magic link: an intermediate session and the address's discovered organizations",
    body: DiscoveryAuthenticateBody,
    async handler(ctx, { body }) {
      return authenticateDiscoveryLink(ctx, body);
    },
  }),
];
