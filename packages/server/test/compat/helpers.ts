import * as stytch from 'stytch';
import { afterAll, beforeAll, expect } from 'vitest';
import { startPostgres, startServer, type TestPostgres, type TestServer } from '@tessera/test-utils';

/**
 * The database the compat suite runs over: `TESSERA_TEST_DIALECT=postgres` runs each file that uses
 * {@link useServer} over a throwaway PostgreSQL 15 cluster (one per file) instead of a SQLite file.
 */
export const TEST_DIALECT: 'sqlite' | 'postgres' = process.env.TESSERA_TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';

/** A test server for the file, started before its tests and closed after them, with an official client for it. */
export function useServer(env: Record<string, string> = {}): { srv: TestServer; client: stytch.Client } {
  const t = {} as { srv: TestServer; client: stytch.Client };
  let cluster: TestPostgres | undefined;
  beforeAll(async () => {
    let databaseUrl: string | undefined;
    if (TEST_DIALECT === 'postgres') {
      const started = await startPostgres();
      if ('unavailable' in started) throw new Error(`TESSERA_TEST_DIALECT=postgres: ${started.unavailable}`);
      cluster = started;
      databaseUrl = await cluster.createDatabase();
    }
    t.srv = await startServer({ env, ...(databaseUrl ? { databaseUrl } : {}) });
    t.client = officialClient(t.srv);
  }, TEST_DIALECT === 'postgres' ? 120_000 : undefined); // initdb and a cluster start take a while on a busy machine
  afterAll(async () => {
    await t.srv?.close();
    cluster?.stop();
  });
  return t;
}

/** The official client pointed at a test server (plain HTTP needs `env`, not `custom_base_url`). */
export function officialClient(srv: TestServer, creds: { project_id?: string; secret?: string } = {}): stytch.Client {
  return new stytch.Client({
    project_id: creds.project_id ?? srv.project.project_id,
    secret: creds.secret ?? srv.project.secret,
    env: `${srv.url}/`,
  });
}

/** Awaits a call that must fail, and returns the StytchError after checking its Stytch shape. */
export async function stytchError(p: Promise<unknown>): Promise<stytch.StytchError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(stytch.StytchError);
    const e = err as stytch.StytchError;
    expect(e.request_id).toMatch(/^request-id-(test|live)-[0-9a-f-]{36}$/);
    expect(e.error_url).toBe(`https://stytch.com/docs/api/errors/${e.status_code}#${e.error_type}`);
    expect(typeof e.error_message).toBe('string');
    return e;
  }
  throw new Error('expected the call to fail');
}

export const STRONG_PASSWORD = 'correct-horse-battery-staple-42!';

let counter = 0;
export const uniqueEmail = (tag = 'user') => `${tag}.${Date.now().toString(36)}.${counter++}@example.com`;

export function decodeJwtPayload(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8'));
}
export function decodeJwtHeader(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString('utf8'));
}

export const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
