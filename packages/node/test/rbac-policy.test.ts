/**
 * The policy caches and role checks behind local `authorization_check`s (`src/rbac-policy.ts`,
 * `src/b2b/rbac-local.ts`), with an injected clock; and the method-options headers.
 */
import { describe, expect, it } from 'vitest';
import { B2BPolicyCache, performAuthorizationCheck } from '../src/b2b/rbac-local.js';
import type { B2BRBAC } from '../src/b2b/rbac.js';
import { authorizationHeaders } from '../src/http/method-options.js';
import { ExpiringValue, POLICY_TTL_MS, checkRoles, performAuthorizationCheck as performConsumerCheck } from '../src/rbac-policy.js';
import { ClientError, type Policy } from '../src/index.js';

/** A loader the test resolves by hand, counting calls. */
function manualLoader<T>() {
  const pending: { resolve: (v: T) => void; reject: (e: unknown) => void }[] = [];
  const load = () => new Promise<T>((resolve, reject) => pending.push({ resolve, reject }));
  return { load, pending };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

async function codeOf(fn: () => unknown): Promise<string | undefined> {
  try {
    await fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ClientError);
    return (e as ClientError).code;
  }
  return undefined;
}

describe('ExpiringValue', () => {
  it('loads on first use, reuses the value for 5 minutes, reloads on the first use after', async () => {
    let t = 1_000;
    let loads = 0;
    const v = new ExpiringValue(async () => ++loads, { now: () => t });
    expect(loads).toBe(0); // nothing before first use
    expect(await v.get()).toBe(1);
    t += POLICY_TTL_MS - 1;
    expect(await v.get()).toBe(1);
    t += 1;
    expect(await v.get()).toBe(2);
    expect(await v.get()).toBe(2);
  });

  it('counts the age from when the load finished', async () => {
    let t = 0;
    const l = manualLoader<string>();
    const v = new ExpiringValue(l.load, { now: () => t });
    const first = v.get();
    t = 10_000; // a slow load
    l.pending[0]!.resolve('a');
    await first;
    t = 10_000 + POLICY_TTL_MS - 1;
    await expect(v.get()).resolves.toBe('a');
    expect(l.pending).toHaveLength(1);
  });

  it('shares one load between concurrent callers', async () => {
    const l = manualLoader<string>();
    const v = new ExpiringValue(l.load);
    const all = Promise.all([v.get(), v.get(), v.get()]);
    await tick();
    expect(l.pending).toHaveLength(1);
    l.pending[0]!.resolve('p');
    await expect(all).resolves.toEqual(['p', 'p', 'p']);
  });

  it('does not share a load where request I/O is isolated (Vercel edge, workerd)', async () => {
    const g = globalThis as { EdgeRuntime?: unknown };
    g.EdgeRuntime = 'vercel';
    try {
      const l = manualLoader<string>();
      const v = new ExpiringValue(l.load);
      const a = v.get();
      const b = v.get();
      await tick();
      expect(l.pending).toHaveLength(2);
      l.pending[0]!.resolve('a');
      l.pending[1]!.resolve('b');
      expect(await Promise.all([a, b])).toEqual(['a', 'b']);
    } finally {
      delete g.EdgeRuntime;
    }
  });

  it('keeps no failure: the next use loads again', async () => {
    let fail = true;
    const v = new ExpiringValue(async () => {
      if (fail) throw new Error('down');
      return 'up';
    });
    await expect(v.get()).rejects.toThrow('down');
    fail = false;
    await expect(v.get()).resolves.toBe('up');
  });
});

describe('B2BPolicyCache', () => {
  const project: Policy = {
    roles: [{ role_id: 'stytch_member', description: '', permissions: [{ resource_id: 'documents', actions: ['read'] }] }],
    resources: [],
    scopes: [],
  };
  const orgRole = (org: string) => ({ role_id: `editor-${org}`, description: '', permissions: [{ resource_id: 'documents', actions: ['write'] }] });

  function fakeRbac() {
    const calls: string[] = [];
    const rbac = {
      policy: async () => (calls.push('project'), { status_code: 200, request_id: 'r', policy: project }),
      organizations: {
        getOrgPolicy: async ({ organization_id }: { organization_id: string }) => (
          calls.push(organization_id), { status_code: 200, request_id: 'r', org_policy: { roles: [orgRole(organization_id)] } }
        ),
      },
    };
    return { rbac: rbac as unknown as B2BRBAC, calls };
  }

  it('rolesIn: the project roles, then the organization\'s, each cached 5 minutes, each organization apart', async () => {
    let t = 0;
    const { rbac, calls } = fakeRbac();
    const cache = new B2BPolicyCache(rbac, { now: () => t });
    expect((await cache.rolesIn('org-a')).map((r) => r.role_id)).toEqual(['stytch_member', 'editor-org-a']);
    expect((await cache.rolesIn('org-b')).map((r) => r.role_id)).toEqual(['stytch_member', 'editor-org-b']);
    await cache.rolesIn('org-a');
    expect(calls.sort()).toEqual(['org-a', 'org-b', 'project']);
    t += POLICY_TTL_MS;
    await cache.rolesIn('org-a');
    expect(calls.sort()).toEqual(['org-a', 'org-a', 'org-b', 'project', 'project']);
  });

  it('an organization policy without roles adds none', async () => {
    const { rbac } = fakeRbac();
    (rbac.organizations as { getOrgPolicy: unknown }).getOrgPolicy = async () => ({ org_policy: {} });
    const cache = new B2BPolicyCache(rbac);
    expect((await cache.rolesIn('org-a')).map((r) => r.role_id)).toEqual(['stytch_member']);
  });

  it('keeps at most 1000 organizations, dropping the one cached first', async () => {
    const { rbac, calls } = fakeRbac();
    const cache = new B2BPolicyCache(rbac);
    for (let i = 0; i <= 1000; i++) await cache.getOrgPolicy(`org-${i}`);
    await cache.getOrgPolicy('org-1000');
    await cache.getOrgPolicy('org-1');
    expect(calls.filter((c) => c === 'org-1000' || c === 'org-1')).toHaveLength(2);
    await cache.getOrgPolicy('org-0'); // evicted: loaded again
    expect(calls.filter((c) => c === 'org-0')).toHaveLength(2);
  });
});

describe('role checks', () => {
  const roles = [
    { role_id: 'reader', description: '', permissions: [{ resource_id: 'documents', actions: ['read'] }] },
    { role_id: 'admin', description: '', permissions: [{ resource_id: 'documents', actions: ['*'] }] },
  ];
  const check = (action: string, organization_id = 'org-a', resource_id = 'documents') => ({ organization_id, resource_id, action });
  const member = (subjectRoles: string[], authorizationCheck = check('read')) => () =>
    performAuthorizationCheck({ policyRoles: roles, subjectRoles, subjectOrgID: 'org-a', authorizationCheck });

  it('grants an action listed or `*` on the resource, to a role the subject holds', async () => {
    expect(await codeOf(member(['reader']))).toBeUndefined();
    expect(await codeOf(member(['admin'], check('shred')))).toBeUndefined();
    expect(await codeOf(member(['reader'], check('write')))).toBe('invalid_permissions');
    expect(await codeOf(member(['reader'], check('read', 'org-a', 'invoices')))).toBe('invalid_permissions');
    expect(await codeOf(member([], check('read')))).toBe('invalid_permissions');
    expect(await codeOf(member(['ghost'], check('read')))).toBe('invalid_permissions');
  });

  it('checks the organization before the roles: tenancy_mismatch whatever the roles', async () => {
    expect(await codeOf(member(['admin'], check('read', 'org-b')))).toBe('tenancy_mismatch');
    expect(await codeOf(member([], check('read', 'org-b')))).toBe('tenancy_mismatch');
  });

  it('words the messages as the official SDK does', () => {
    expect(() => checkRoles(roles, [], check('x'), 'Member')).toThrow('invalid_permissions: Member does not have permission to perform the requested action');
    expect(() => member(['admin'], check('read', 'org-b'))()).toThrow('tenancy_mismatch: Member belongs to different organization');
    expect(() => performConsumerCheck({ roles, resources: [] }, [], { resource_id: 'documents', action: 'read' })).toThrow(
      'invalid_permissions: User does not have permission to perform the requested action',
    );
  });
});

describe('authorizationHeaders (method options)', () => {

  it('maps session_token and session_jwt to the official headers, leaving out empty ones', () => {
    expect(authorizationHeaders(undefined)).toBeUndefined();
    expect(authorizationHeaders({})).toBeUndefined();
    expect(authorizationHeaders({ authorization: {} })).toEqual({});
    expect(authorizationHeaders({ authorization: { session_token: 't' } })).toEqual({ 'X-Stytch-Member-Session': 't' });
    expect(authorizationHeaders({ authorization: { session_jwt: 'j', session_token: '' } })).toEqual({ 'X-Stytch-Member-SessionJWT': 'j' });
    expect(authorizationHeaders({ authorization: { session_token: 't', session_jwt: 'j' } })).toEqual({
      'X-Stytch-Member-Session': 't',
      'X-Stytch-Member-SessionJWT': 'j',
    });
  });
});
