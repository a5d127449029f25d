import { authenticateDiscoveryLink } from '../../../domain/b2b/discovery/authenticate-discovery-link.js';
import { createOrganizationViaDiscovery } from '../../../domain/b2b/discovery/create-organization-via-discovery.js';
import { exchangeIntermediateSession } from '../../../domain/b2b/discovery/exchange-intermediate-session.js';
import { listDiscoveredOrganizations } from '../../../domain/b2b/discovery/list-discovered-organizations.js';
import { sendDiscoveryLink } from '../../../domain/b2b/discovery/send-discovery-link.js';
import { authenticateMagicLink } from '../../../domain/b2b/magic-links/authenticate-magic-link.js';
import { inviteMember } from '../../../domain/b2b/magic-links/invite-member.js';
import { magicLinkLoginOrSignup } from '../../../domain/b2b/magic-links/login-or-signup.js';
import { authenticateEmailOtp } from '../../../domain/b2b/otps/authenticate-email-otp.js';
import { otpLoginOrSignup } from '../../../domain/b2b/otps/otp-login-or-signup.js';
import { resetMemberPasswordByEmail } from '../../../domain/b2b/passwords/reset-member-password-by-email.js';
import { startMemberPasswordReset } from '../../../domain/b2b/passwords/start-member-password-reset.js';
import { callerMemberSession } from '../../../domain/sdk/caller-session.js';
import { MemberFields, OrganizationFields } from '../../routes/b2b/b2b-schema.js';
import { DiscoverySendBody, DiscoveryAuthenticateBody, LoginOrSignupBody } from '../../routes/b2b/magic-links.js';
import { OtpLoginOrSignupBody } from '../../routes/b2b/otps.js';
import { Code, Ist, Locale, Minutes, OneTimeToken, OrganizationId, TemplateId, Url, Verifier } from '../../routes/b2b/passwordless-schema.js';
import { emailLoginResponse, loginOrSignupResponse, resetResponse, resetStartResponse } from '../../routes/b2b/passwordless-responses.js';
import { ResetStartBody } from '../../routes/b2b/passwords.js';
import { memberLoginResponse, memberResponse } from '../../routes/b2b/responses.js';
import { Body, Email, SessionFields, Str } from '../../schema.js';
import { sdkPublicRoute, sdkSessionRoute } from '../sdk-route.js';

const Duration = SessionFields.session_duration_minutes;
const IstRequired = () => Str({ maxLength: 1024, errorType: 'intermediate_session_not_found' });

/**
 * `/sdk/v1/b2b/*` passwordless and discovery routes. Bodies are the backend ones minus session tokens: the
 * browser SDK keeps the intermediate session token itself and sends it back as `intermediate_session_token`.
 * Redirect URLs must be on an allowed origin of the project (`redirectUrl(..., 'sdk')`), and Stytch's
 * sandbox values are not served here (Stytch: backend API only).
 */
export const sdkB2BPasswordlessRoutes = [
  sdkPublicRoute({
    method: 'POST',
    url: '/sdk/v1/b2b/magic_links/email/login_or_signup',
    summary: 'Send a login or signup magic link to a member of an organization',
    body: LoginOrSignupBody,
    async handler({ ctx }, { body }) {
      return loginOrSignupResponse(ctx, await magicLinkLoginOrSignup(ctx, body, 'sdk'));
    },
  }),
  sdkSessionRoute({
    method: 'POST',
    url: '/sdk/v1/b2b/magic_links/email/invite',
    summary: "Invite a member to the caller's organization (create on stytch.member)",
    body: Body({
      email_address: Email(),
      invite_redirect_url: Url(),
      name: MemberFields.name,
      untrusted_metadata: MemberFields.untrusted_metadata,
      roles: MemberFields.roles,
      invite_template_id: TemplateId(),
      locale: Locale(),
      invite_expiration_minutes: Minutes(),
    }),
    async handler({ ctx, sessionToken }, { body }) {
      const { organization } = await callerMemberSession(ctx, sessionToken);
      return memberResponse(ctx, await inviteMember(ctx, { ...body, organization_id: organization.organization_id }, 'sdk', { session_token: sessionToken }));
    },
  }),
  sdkPublicRoute({
    method: 'POST',
    url: '/sdk/v1/b2b/magic_links/authenticate',
    summary: 'Authenticate a B2B magic link',
    body: Body({ magic_links_token: OneTimeToken(), pkce_code_verifier: Verifier(), session_duration_minutes: Duration, intermediate_session_token: Ist(), locale: Locale() }),
    async handler({ ctx }, { body }) {
      return emailLoginResponse(ctx, await authenticateMagicLink(ctx, body));
    },
  }),
  sdkPublicRoute({
    method: 'POST',
    url: '/sdk/v1/b2b/magic_links/email/discovery/send',
    summary: 'Send a discovery magic link',
    body: DiscoverySendBody,
    async handler({ ctx }, { body }) {
      await sendDiscoveryLink(ctx, body, 'sdk');
      return {};
    },
  }),
  sdkPublicRoute({
    method: 'POST',
    url: '/sdk/v1/b2b/magic_links/discovery/authenticate',
    summary: 'Authenticate a discovery magic link',
    body: DiscoveryAuthenticateBody,
    async handler({ ctx }, { body }) {
      return authenticateDiscoveryLink(ctx, body);
    },
  }),
  sdkPublicRoute({
    method: 'POST',
    url: '/sdk/v1/b2b/otps/email/login_or_signup',
    summary: 'Send a member a 6-digit email code',
    body: OtpLoginOrSignupBody,
    async handler({ ctx }, { body }) {
      return loginOrSignupResponse(ctx, await otpLoginOrSignup(ctx, body, 'sdk'));
    },
  }),
  sdkPublicRoute({
    method: 'POST',
    url: '/sdk/v1/b2b/otps/email/authenticate',
    summary: "Authenticate a member's email code",
    body: Body({ organization_id: OrganizationId(), email_address: Email(), code: Code(), session_duration_minutes: Duration, intermediate_session_token: Ist(), locale: Locale() }),
    async handler({ ctx }, { body }) {
      return emailLoginResponse(ctx, await authenticateEmailOtp(ctx, body));
    },
  }),
  sdkPublicRoute({
    method: 'POST',
    url: '/sdk/v1/b2b/discovery/organizations',
    summary: "The organizations of the intermediate session's (or the caller's session's) address",
    body: Body({ intermediate_session_token: Ist() }),
    async handler({ ctx, sessionToken }, { body }) {
      if (body.intermediate_session_token) return listDiscoveredOrganizations(ctx, { intermediate_session_token: body.intermediate_session_token });
      return listDiscoveredOrganizations(ctx, sessionToken ? { session_token: sessionToken } : {});
    },
  }),
  sdkPublicRoute({
    method: 'POST',
    url: '/sdk/v1/b2b/discovery/organizations/create',
    summary: 'Create an organization from an intermediate session and log in to it',
    body: Body({ intermediate_session_token: IstRequired(), session_duration_minutes: Duration, ...OrganizationFields }),
    async handler({ ctx }, { body }) {
      const { trusted_metadata: _trusted, ...input } = body;
      return memberLoginResponse(ctx, await createOrganizationViaDiscovery(ctx, input as Parameters<typeof createOrganizationViaDiscovery>[1]));
    },
  }),
  sdkPublicRoute({
    method: 'POST',
    url: '/sdk/v1/b2b/discovery/intermediate_sessions/exchange',
    summary: 'Exchange an intermediate session for a session in an organization',
    body: Body({ intermediate_session_token: IstRequired(), organization_id: OrganizationId(), session_duration_minutes: Duration, locale: Locale() }),
    async handler({ ctx }, { body }) {
      return memberLoginResponse(ctx, await exchangeIntermediateSession(ctx, body));
    },
  }),
  sdkPublicRoute({
    method: 'POST',
    url: '/sdk/v1/b2b/passwords/email/reset/start',
    summary: 'Mail a member a password reset link',
    body: ResetStartBody,
    async handler({ ctx }, { body }) {
      return resetStartResponse(ctx, await startMemberPasswordReset(ctx, body, 'sdk'));
    },
  }),
  sdkPublicRoute({
    method: 'POST',
    url: '/sdk/v1/b2b/passwords/email/reset',
    summary: "Set a member's password with a reset link; revokes the member's sessions",
    body: Body({
      password_reset_token: OneTimeToken(),
      password: Str({ maxLength: 1024 }),
      code_verifier: Verifier(),
      session_duration_minutes: Duration,
      intermediate_session_token: Ist(),
      locale: Locale(),
    }),
    async handler({ ctx }, { body }) {
      return resetResponse(ctx, await resetMemberPasswordByEmail(ctx, body));
    },
  }),
];

