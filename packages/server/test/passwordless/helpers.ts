import crypto from 'node:crypto';
import { expect } from 'vitest';
import type { TestServer } from '@tessera/test-utils';

export interface OutboxMessage {
  message_id: string;
  status: string;
  kind: string;
  to: string;
  message: { kind: string; to: string; link?: string; code?: string; expiration_minutes: number; template_id?: string; locale?: string } | null;
}

/** The project's outbox for one address, newest first, through `GET /v1/test/outbox` (secret auth). */
export async function outbox(srv: TestServer, to: string, creds: { project_id: string; secret: string } = srv.project): Promise<OutboxMessage[]> {
  const auth = Buffer.from(`${creds.project_id}:${creds.secret}`).toString('base64');
  const res = await fetch(`${srv.url}/v1/test/outbox?to=${encodeURIComponent(to)}`, { headers: { authorization: `Basic ${auth}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { messages: OutboxMessage[] }).messages;
}

/** The newest message to `to`, which must exist. */
export async function lastMessage(srv: TestServer, to: string, creds: { project_id: string; secret: string } = srv.project): Promise<NonNullable<OutboxMessage['message']> & { kind: string }> {
  const [m] = await outbox(srv, to, creds);
  expect(m, `a message to ${to}`).toBeDefined();
  return { ...m!.message!, kind: m!.kind };
}

/** The link of the newest message to `to`, parsed, with its token. */
export async function lastLink(
  srv: TestServer,
  to: string,
  creds: { project_id: string; secret: string } = srv.project,
): Promise<{ url: URL; token: string; kind: string; expiration_minutes: number }> {
  const m = await lastMessage(srv, to, creds);
  const url = new URL(m.link!);
  return { url, token: url.searchParams.get('token')!, kind: m.kind, expiration_minutes: m.expiration_minutes };
}

export async function lastCode(srv: TestServer, to: string): Promise<string> {
  const m = await lastMessage(srv, to);
  expect(m.kind).toBe('email_otp');
  return m.code!;
}

/** A PKCE verifier and its S256 challenge. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = crypto.randomBytes(32).toString('base64url');
  return { verifier, challenge: crypto.createHash('sha256').update(verifier).digest('base64url') };
}

/** How many users and outbox messages the project has, to prove a refused request wrote nothing. */
export async function footprint(srv: TestServer): Promise<{ users: number; outbox: number }> {
  const stores = srv.server.runtime.deps.stores;
  const p = srv.project.project_id;
  return {
    users: (await stores.users.search(p, { operator: 'AND', operands: [], after: null, limit: 1 })).total,
    outbox: (await stores.outbox.list(p, { limit: 10_000 })).length,
  };
}

/** Larger limits than the defaults, for files that send many messages to one address. */
export const ROOMY_LIMITS = { TESSERA_RATE_LIMIT_IDENTIFIER: '1000/10m', TESSERA_RATE_LIMIT_ENDPOINT: '10000/1m' };
