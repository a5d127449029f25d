import { expect } from 'vitest';
import type { TestServer } from '@tessera/test-utils';

export interface Sent {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

export type Send = (method: string, path: string, body?: string | object, headers?: Record<string, string>) => Promise<Sent>;

/**
 * Raw requests to a test server with the project's Basic credentials (override `authorization` to test
 * them), each answer checked against the wire contract: JSON, `status_code` equal to the HTTP status, a
 * `request_id`, and for errors the Stytch error fields and no stack trace.
 */
export function rawSender(srv: TestServer): Send {
  const auth = 'Basic ' + Buffer.from(`${srv.project.project_id}:${srv.project.secret}`).toString('base64');
  return async (method, path, body, headers = {}) => {
    const r = await fetch(srv.url + path, {
      method,
      headers: { authorization: auth, 'content-type': 'application/json', ...headers },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await r.text();
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    const parsed = JSON.parse(text);
    expect(parsed.status_code).toBe(r.status);
    expect(parsed.request_id).toMatch(/^request-id-(test|live)-[0-9a-f-]{36}$/);
    if (r.status >= 400) {
      expect(Object.keys(parsed).sort()).toEqual(expect.arrayContaining(['error_message', 'error_type', 'error_url', 'request_id', 'status_code']));
      expect(text).not.toMatch(/at .*\.(ts|js):\d+/); // no stack trace
    }
    return { status: r.status, body: parsed, headers: r.headers };
  };
}
