/**
 * Checks on an organization's own fields (the settings are in `organization-settings.ts`).
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { ApiError } from '../../errors.js';

/** Stytch's slug rule: 2–128 of alphanumerics and `- . _ ~`, at least one alphanumeric. */
const SLUG = /^[A-Za-z0-9._~-]{2,128}$/;

export function checkSlug(slug: string): string {
  if (!SLUG.test(slug) || !/[A-Za-z0-9]/.test(slug)) throw new ApiError('invalid_organization_slug');
  return slug;
}

/** 1–128 characters once trimmed; missing or blank is `organization_name_missing`. */
export function checkOrganizationName(name: string | undefined): string {
  if (name === undefined || name.trim() === '') throw new ApiError('organization_name_missing');
  if (name.length > 128) throw new ApiError('invalid_organization_name');
  return name;
}

export function checkLogoUrl(url: string): string {
  if (url.length > 2048) throw new ApiError('organization_logo_url_too_long');
  return url;
}

/**
 * A slug for an organization created without one. The SDK types `organization_slug` as optional while the
 * API reference calls it required; Tessera derives one from the name (UNVERIFIED: what Stytch does then),
 * with a random suffix when the name gives nothing usable or `taken` says it is used.
 */
export async function slugFromName(name: string, taken: (slug: string) => Promise<boolean>): Promise<string> {
  const base = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9._~-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 100);
  if (/[a-z0-9]/.test(base) && base.length >= 2 && !(await taken(base))) return base;
  return `${/[a-z0-9]/.test(base) ? base : 'org'}-${randomBytes(4).toString('hex')}`;
}
