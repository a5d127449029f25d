import crypto from 'node:crypto';
import { expect } from 'vitest';
import type { TestServer } from '@tessera/test-utils';

export { b2bClient, createOrg, errorOf, memberWithPassword, stytchError, uniqueEmail, uniqueSlug, useB2BServer, STRONG_PASSWORD } from '../b2b/helpers.js';

export const REDIRECT = 'http://localhost:3000/authenticate';

/** The newest outbox message to `to`, read through `GET /v1/test/outbox` as a developer would. */
export async function latestMail(srv: TestServer, to: string): Promise<{ kind: string; link?: string; code?: string; expiration_minutes: number; organization_name?: string }> {
  const auth = 'Basic ' + Buffer.from(`${srv.project.project_id}:${srv.project.secret}`).toString('base64');
  const res = await fetch(`${srv.url}/v1/test/outbox?to=${encodeURIComponent(to)}`, { headers: { authorization: auth } });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { messages: { kind: string; message: Record<string, any> }[] };
  expect(body.messages.length).toBeGreaterThan(0);
  return { ...body.messages[0]!.message, kind: body.messages[0]!.kind } as any;
}

/** How many outbox messages went to `to`. */
export async function mailCount(srv: TestServer, to: string): Promise<number> {
  const auth = 'Basic ' + Buffer.from(`${srv.project.project_id}:${srv.project.secret}`).toString('base64');
  const res = await fetch(`${srv.url}/v1/test/outbox?to=${encodeURIComponent(to)}&limit=100`, { headers: { authorization: auth } });
  return ((await res.json()) as { messages: unknown[] }).messages.length;
}

/** The token and token type of an emailed link. */
export function linkToken(link: string | undefined): { token: string; type: string; base: string } {
  const url = new URL(link!);
  const token = url.searchParams.get('token')!;
  const type = url.searchParams.get('stytch_token_type')!;
  url.search = '';
  return { token, type, base: url.toString() };
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = crypto.randomBytes(32).toString('base64url');
  return { verifier, challenge: crypto.createHash('sha256').update(verifier).digest('base64url') };
}

/** A company email domain per test (common mailbox domains are refused as organization domains). */
let d = 0;
export const uniqueDomain = () => `corp${Date.now().toString(36)}${d++}.example.com`;
