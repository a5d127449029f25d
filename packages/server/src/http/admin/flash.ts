/**
 * The message a page shows after a write redirected to it (`?done=key`): fixed texts chosen by key, so
 * nothing in the URL is reflected into the page.
 *
 * @module
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Flash } from './layout.js';

/** Messages a redirect after a write may show (`?done=key`): fixed texts, nothing reflected from the URL. */
const DONE: Record<string, string> = {
  'secret-removed': 'The secret was removed; it no longer authenticates (within seconds on every instance).',
  'origin-added': 'The origin was added.',
  'origin-removed': 'The origin was removed.',
  'key-rotated': 'A new signing key was added and published in the JWKS.',
  'policy-saved': 'The RBAC policy was saved.',
  revoked: 'The session was revoked: its token no longer authenticates.',
  'revoked-all': 'Every live session was revoked.',
  locked: 'The account is locked: every sign-in is refused until it is unlocked.',
  unlocked: 'The account is unlocked.',
};

export function flashOf(req: FastifyRequest): Flash | null {
  const key = (req.query as Record<string, unknown>).done;
  return typeof key === 'string' && DONE[key] ? { kind: 'ok', text: DONE[key] } : null;
}

/** 303 to `path` with a fixed message key (see DONE). */
export function done(reply: FastifyReply, path: string, key: keyof typeof DONE & string): FastifyReply {
  return reply.redirect(`${path}?done=${key}`, 303);
}
