import crypto from 'node:crypto';
import * as stytch from 'stytch';
import { afterAll, beforeAll } from 'vitest';
import { startServer, type TestServer } from '@tessera/test-utils';
import { STRONG_PASSWORD, stytchError, uniqueEmail } from '../compat/helpers.js';

export { decodeJwtHeader, decodeJwtPayload, RFC3339, STRONG_PASSWORD, stytchError, uniqueEmail } from '../compat/helpers.js';

/** A test server for the file, started before its tests and closed after them, with a B2B client for it. */
export function useB2BServer(env: Record<string, string> = {}): { srv: TestServer; client: stytch.B2BClient } {
  const t = {} as { srv: TestServer; client: stytch.B2BClient };
  beforeAll(async () => {
    t.srv = await startServer({ env });
    t.client = b2bClient(t.srv);
  });
  afterAll(() => t.srv.close());
  return t;
}

/** `[status_code, error_type]` of a call that must fail with a Stytch-shaped error. */
export async function errorOf(p: Promise<unknown>): Promise<[number, string]> {
  const e = await stytchError(p);
  return [e.status_code, e.error_type];
}

/** The official B2B client pointed at a test server (plain HTTP needs `env`). */
export function b2bClient(srv: TestServer, creds: { project_id?: string; secret?: string } = {}): stytch.B2BClient {
  return new stytch.B2BClient({ project_id: creds.project_id ?? srv.project.project_id, secret: creds.secret ?? srv.project.secret, env: `${srv.url}/` });
}

let n = 0;
export const uniqueSlug = (tag = 'org') => `${tag}-${Date.now().toString(36)}-${n++}`;

export const createOrg = (client: stytch.B2BClient, extra: Partial<stytch.B2BOrganizationsCreateRequest> = {}) =>
  client.organizations.create({ organization_name: 'Acme Inc', organization_slug: uniqueSlug(), ...extra }).then((r) => r.organization);

/**
 * A member with a password: B2B sets passwords through `passwords.migrate` (or reset flows), so the test
 * imports an MD5 hash of STRONG_PASSWORD, which the first login upgrades to argon2id.
 */
export async function memberWithPassword(client: stytch.B2BClient, organization_id: string, extra: Partial<stytch.B2BPasswordsMigrateRequest> = {}) {
  const email_address = extra.email_address ?? uniqueEmail('member');
  const hash = crypto.createHash('md5').update(STRONG_PASSWORD).digest('hex');
  const res = await client.passwords.migrate({ organization_id, email_address, hash, hash_type: 'md_5', ...extra });
  return res.member;
}

/** An organization, a member with a password, and a session of that member. */
export async function loggedIn(client: stytch.B2BClient, opts: { roles?: string[]; minutes?: number; claims?: Record<string, unknown>; org?: stytch.Organization } = {}) {
  const org = opts.org ?? (await createOrg(client));
  const member = await memberWithPassword(client, org.organization_id, opts.roles ? { roles: opts.roles } : {});
  const login = await client.passwords.authenticate({
    organization_id: org.organization_id,
    email_address: member.email_address,
    password: STRONG_PASSWORD,
    ...(opts.minutes !== undefined ? { session_duration_minutes: opts.minutes } : {}),
    ...(opts.claims ? { session_custom_claims: opts.claims } : {}),
  });
  return { org, member, login };
}
