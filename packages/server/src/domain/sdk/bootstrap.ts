/**
 * `GET /sdk/v1/projects/bootstrap/{public_token}`: the project configuration the browser SDK reads at start
 * (docs/architecture.md, "Frontend API"). Every field is always present: the SDK defaults only a failed request, and a 200
 * lacking a field breaks it (no `captcha_settings` -> a TypeError in B2B `passwords.authenticate`).
 *
 * Values: Tessera has no captcha, device fingerprinting, CNAME domains, PKCE enforcement or SDK-side
 * organization creation, so those are off/empty; the password policy is zxcvbn, for which Stytch sends
 * `password_config: null` (it carries LUDS settings only); `rbac_policy` is the project's RBAC policy
 * (Stytch resources included) whatever the vertical; `vertical` is the project's SDK setting.
 *
 * @module
 */
import type { ProjectContext } from '../context.js';
import type { SdkSettings } from '../../store/sdk-stores.js';
import { projectPolicy } from '../b2b/rbac/project-policy.js';

export async function bootstrap(ctx: ProjectContext, settings: SdkSettings) {
  return {
    project_name: ctx.project.name,
    disable_sdk_watermark: true,
    captcha_settings: { enabled: false },
    cname_domain: null,
    email_domains: [] as string[],
    pkce_required_for_email_magic_links: false,
    pkce_required_for_password_resets: false,
    pkce_required_for_oauth: false,
    pkce_required_for_sso: false,
    slug_pattern: null,
    create_organization_enabled: false,
    password_config: null,
    dfp_protected_auth_enabled: false,
    dfp_protected_auth_mode: null,
    rbac_policy: await projectPolicy(ctx, 'cache'),
    siwe_required_for_crypto_wallets: false,
    vertical: settings.vertical,
  };
}
