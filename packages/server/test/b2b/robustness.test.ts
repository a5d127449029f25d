import { beforeAll, describe, expect, it } from 'vitest';
import type * as stytch from 'stytch';
import { b2bRoutes } from '../../src/http/routes/b2b/index.js';
import { fuzzBodyFields } from '../http/fuzz-fields.js';
import { rawSender, type Send } from '../http/send.js';
import { createOrg, loggedIn, STRONG_PASSWORD, uniqueEmail, useB2BServer } from './helpers.js';

const t = useB2BServer();
const REDIRECT = 'http://localhost:3000/authenticate';
let send: Send;
let org: stytch.Organization;
let member: stytch.Member;
let login: stytch.B2BPasswordsAuthenticateResponse;
beforeAll(async () => {
  send = rawSender(t.srv);
  ({ org, member, login } = await loggedIn(t.client, { roles: ['stytch_admin'] }));
});

const path = (url: string) =>
  url.replace(':organization_id', org.organization_id).replace(':member_id', member.member_id).replace(':project_id', t.srv.project.project_id);

/** A valid body per route, so that one bad field at a time reaches the deeper validators. */
const BASE: Record<string, () => Record<string, unknown>> = {
  'POST /v1/b2b/organizations': () => ({ organization_name: 'Fuzz' }),
  'POST /v1/b2b/organizations/:organization_id/members': () => ({ email_address: uniqueEmail('fuzz') }),
  'POST /v1/b2b/organizations/members/search': () => ({ organization_ids: [org.organization_id] }),
  'POST /v1/b2b/passwords/authenticate': () => ({ organization_id: org.organization_id, email_address: member.email_address, password: STRONG_PASSWORD }),
  'POST /v1/b2b/passwords/strength_check': () => ({ password: 'x' }),
  'POST /v1/b2b/passwords/migrate': () => ({ organization_id: org.organization_id, email_address: uniqueEmail('fuzzmig'), hash: 'a'.repeat(32), hash_type: 'md_5' }),
  'POST /v1/b2b/sessions/authenticate': () => ({ session_token: login.session_token }),
  'POST /v1/b2b/sessions/exchange': () => ({ organization_id: org.organization_id, session_token: login.session_token }),
  'PUT /v1/b2b/rbac/policy': () => ({ policy: {} }),
  'POST /v1/b2b/magic_links/email/login_or_signup': () => ({ organization_id: org.organization_id, email_address: member.email_address, login_redirect_url: REDIRECT, signup_redirect_url: REDIRECT }),
  'POST /v1/b2b/magic_links/email/invite': () => ({ organization_id: org.organization_id, email_address: uniqueEmail('fuzzinv'), invite_redirect_url: REDIRECT }),
  'POST /v1/b2b/magic_links/authenticate': () => ({ magic_links_token: 'x'.repeat(44) }),
  'POST /v1/b2b/magic_links/email/discovery/send': () => ({ email_address: uniqueEmail('fuzzdisc'), discovery_redirect_url: REDIRECT }),
  'POST /v1/b2b/magic_links/discovery/authenticate': () => ({ discovery_magic_links_token: 'x'.repeat(44) }),
  'POST /v1/b2b/otps/email/login_or_signup': () => ({ organization_id: org.organization_id, email_address: member.email_address }),
  'POST /v1/b2b/otps/email/authenticate': () => ({ organization_id: org.organization_id, email_address: uniqueEmail('fuzzotp'), code: '123456' }),
  'POST /v1/b2b/discovery/organizations': () => ({ session_token: login.session_token }),
  'POST /v1/b2b/discovery/organizations/create': () => ({ intermediate_session_token: 'x'.repeat(44), organization_name: 'Fuzz' }),
  'POST /v1/b2b/discovery/intermediate_sessions/exchange': () => ({ intermediate_session_token: 'x'.repeat(44), organization_id: org.organization_id }),
  'POST /v1/b2b/passwords/email/reset/start': () => ({ organization_id: org.organization_id, email_address: member.email_address, reset_password_redirect_url: REDIRECT }),
  'POST /v1/b2b/passwords/email/reset': () => ({ password_reset_token: 'x'.repeat(44), password: STRONG_PASSWORD }),
  'PUT /v1/b2b/rbac/organizations/:organization_id': () => ({ org_policy: { roles: [] } }),
};

describe('no B2B input yields a 5xx', () => {
  // One test per route, each well within the per-test timeout.
  fuzzBodyFields(b2bRoutes, { send: () => send, base: BASE, path });

  it('garbage path parameters, query strings and non-object bodies', async () => {
    for (const r of b2bRoutes) {
      const garbage = r.url.replace(/:[a-z_]+/g, encodeURIComponent('%00\u202e../x'.repeat(3)));
      expect((await send(r.method, garbage, r.method === 'GET' ? undefined : {})).status).toBeLessThan(500);
      if (r.method === 'DELETE') continue; // the real organization and member are needed by the next routes
      expect((await send(r.method, path(r.url) + '?organization_id[]=1&member_id=&include_deleted=maybe&email_address=%00', r.method === 'GET' ? undefined : {})).status).toBeLessThan(500);
      if (r.body) {
        for (const body of ['[1,2]', '"str"', 'null', '{"a":', '{"__proto__":{"x":1}}']) expect((await send(r.method, path(r.url), body)).status).toBe(400);
      }
    }
  });

  it('every /v1/b2b route but JWKS needs Basic project credentials', async () => {
    for (const r of b2bRoutes) {
      const res = await send(r.method, path(r.url), r.method === 'GET' ? undefined : {}, { authorization: '' });
      if (r.url.includes('/jwks/')) expect(res.status).toBe(200);
      else expect([r.url, res.status, res.body.error_type]).toEqual([r.url, 401, 'unauthorized_credentials']);
    }
  });

  it('wrong methods on B2B paths -> 405 with Allow', async () => {
    const m = await send('PATCH', `/v1/b2b/organizations/${org.organization_id}`, {});
    expect([m.status, m.body.error_type]).toEqual([405, 'method_not_allowed']);
    expect((await send('GET', '/v1/b2b/sessions/authenticate')).status).toBe(405);
  });
});

describe('a failed B2B request writes nothing', () => {
  it('an organization refused on its last field is not created', async () => {
    const slug = `atomic-${Date.now().toString(36)}`;
    const r = await send('POST', '/v1/b2b/organizations', { organization_name: 'Atomic', organization_slug: slug, third_party_connected_apps_allowed_type: 'SOMETIMES' });
    expect(r.body.error_type).toBe('invalid_organization_auth_factor_setting');
    expect((await send('GET', `/v1/b2b/organizations/${slug}`)).body.error_type).toBe('organization_not_found');
  });

  it('a member refused for its roles is not created, nor its password set by a refused migrate', async () => {
    const email = uniqueEmail('atomic');
    expect((await send('POST', `/v1/b2b/organizations/${org.organization_id}/members`, { email_address: email, roles: ['ghost'] })).body.error_type).toBe('invalid_rbac_role_assignment');
    expect((await send('POST', '/v1/b2b/passwords/migrate', { organization_id: org.organization_id, email_address: email, hash: 'zz', hash_type: 'md_5' })).body.error_type).toBe('invalid_password_hash');
    expect((await send('GET', `/v1/b2b/organizations/${org.organization_id}/member?email_address=${encodeURIComponent(email)}`)).body.error_type).toBe('member_not_found');
  });

  it('an organization update refused on one field changes no other', async () => {
    const o = await createOrg(t.client);
    const r = await send('PUT', `/v1/b2b/organizations/${o.organization_id}`, { organization_name: 'Changed', mfa_policy: 'REQUIRED_FOR_ALL', allowed_mfa_methods: ['fax'] });
    expect(r.body.error_type).toBe('invalid_organization_allowed_mfa_methods');
    expect((await t.client.organizations.get({ organization_id: o.organization_id })).organization).toMatchObject({ organization_name: o.organization_name, mfa_policy: 'OPTIONAL' });
  });

  it('an exchange refused for its duration writes no session', async () => {
    const o = await createOrg(t.client);
    const there = await t.client.organizations.members.create({ organization_id: o.organization_id, email_address: member.email_address });
    expect((await send('POST', '/v1/b2b/sessions/exchange', { organization_id: o.organization_id, session_token: login.session_token, session_duration_minutes: 999_999 })).body.error_type).toBe('invalid_session_duration_minutes');
    expect((await t.client.sessions.get({ organization_id: o.organization_id, member_id: there.member_id })).member_sessions).toEqual([]);
  });
});
