/** Plain HTTP calls for the operations tests: the backend API with the project's secret, and raw GETs. */
import type { TestServer } from '@tessera/test-utils';

export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/** `POST`/`GET` to the backend API with the project's Basic credentials. */
export async function api(srv: TestServer, method: 'GET' | 'POST' | 'DELETE', path: string, body?: object): Promise<Answer> {
  const auth = Buffer.from(`${srv.project.project_id}:${srv.project.secret}`).toString('base64');
  const res = await fetch(`${srv.url}${path}`, {
    method,
    headers: { authorization: `Basic ${auth}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A GET with optional headers; the body as text. */
export async function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string; text: string }> {
  const res = await fetch(url, { headers });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

export const STRONG = 'correct-Horse-battery-staple-91';
