import type { JsonObject } from '@tessera/core';
import { ApiError } from '../errors.js';

export interface RequestAttributes {
  ip_address?: string | undefined;
  user_agent?: string | undefined;
}

export interface AttributeOptions {
  ip_match_required?: boolean | undefined;
  user_agent_match_required?: boolean | undefined;
}

/** What a send request said about the user's device, kept in the token's `data` for a later match. */
export function sentAttributes(attributes: RequestAttributes | undefined): JsonObject {
  if (!attributes) return {};
  const out: JsonObject = {};
  if (attributes.ip_address) out.ip_address = attributes.ip_address;
  if (attributes.user_agent) out.user_agent = attributes.user_agent;
  return Object.keys(out).length ? { attributes: out } : {};
}

/**
 * `options.ip_match_required` / `user_agent_match_required` of an authenticate request: the IP address or
 * user agent it reports (`attributes`) must equal the one the send request reported, else 401
 * `attribute_mismatch`. Checked before the token or code is spent. A send that reported none matches
 * nothing (Stytch documents the check as comparing the two requests' attributes).
 */
export function checkAttributeMatch(data: JsonObject, options: AttributeOptions | undefined, attributes: RequestAttributes | undefined): void {
  if (!options) return;
  const sent = (data.attributes ?? {}) as RequestAttributes;
  if (options.ip_match_required && (!sent.ip_address || sent.ip_address !== attributes?.ip_address)) throw new ApiError('attribute_mismatch');
  if (options.user_agent_match_required && (!sent.user_agent || sent.user_agent !== attributes?.user_agent)) throw new ApiError('attribute_mismatch');
}
