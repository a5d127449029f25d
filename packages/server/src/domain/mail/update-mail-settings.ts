/**
 * The operator's side of the project mail settings (`tessera project mail`): the default link of each
 * kind, used when a request names none, and the sender address.
 *
 * @module
 */
import { NO_MAIL_SETTINGS, type MailSettings } from '../../store/email-stores.js';
import type { Deps } from '../context.js';
import { ApiError } from '../errors.js';

const URL_FIELDS = ['login_redirect_url', 'signup_redirect_url', 'invite_redirect_url', 'reset_redirect_url', 'discovery_redirect_url'] as const;
const FROM = /^(?:[^<>\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/;

/**
 * Changes the given settings (an empty string clears one; null too) and returns them all. The URLs are
 * absolute http(s) URLs; the sender is an address or `Name <address>`.
 */
export async function updateMailSettings(deps: Deps, projectId: string, patch: Partial<Record<keyof MailSettings, string | null>>): Promise<MailSettings> {
  if (!(await deps.stores.projects.get(projectId))) throw new ApiError('project_not_found', `There is no project ${projectId.slice(0, 200)}.`);
  const changes: Partial<MailSettings> = {};
  for (const field of Object.keys(NO_MAIL_SETTINGS) as (keyof MailSettings)[]) {
    const value = patch[field];
    if (value === undefined) continue;
    if (value === null || value.trim() === '') {
      changes[field] = null;
      continue;
    }
    if ((URL_FIELDS as readonly string[]).includes(field)) {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        throw new ApiError('invalid_magic_link_url', `${field} must be an absolute http(s) URL (got "${value.slice(0, 200)}").`);
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new ApiError('invalid_magic_link_url', `${field} must be an absolute http(s) URL (got "${value.slice(0, 200)}").`);
      }
      changes[field] = url.toString();
    } else {
      if (!FROM.test(value.trim())) throw new ApiError('invalid_argument', `The sender must be an address or "Name <address>" (got "${value.slice(0, 200)}").`);
      changes[field] = value.trim();
    }
  }
  return deps.stores.mailSettings.update(projectId, changes, deps.clock());
}
