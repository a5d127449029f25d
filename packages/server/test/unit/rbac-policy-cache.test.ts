import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestRuntime, type TestRuntime } from '@tessera/test-utils';
import { loadConfig, openRuntime, projectContext, type Runtime } from '@tessera/server';
import { RbacPolicyCache } from '../../src/domain/b2b/rbac/policy-cache.js';
import { projectPolicy } from '../../src/domain/b2b/rbac/project-policy.js';
import { setRbacPolicy } from '../../src/domain/b2b/rbac/set-policy.js';
import type { RbacPolicy } from '../../src/store/b2b-records.js';

const DOCUMENTS = { resource_id: 'documents', description: 'Team documents', actions: ['read', 'write'] };
const role = (role_id: string) => ({ role_id, description: role_id, permissions: [{ resource_id: 'documents', actions: ['read'] }] });
const policyWith = (role_id: string) => ({ resources: [DOCUMENTS], roles: [role(role_id)] });
/** The project's own roles (a stored policy always carries Stytch's `stytch_admin` and `stytch_member` too). */
const roleIds = (p: RbacPolicy) => p.roles.map((r) => r.role_id).filter((id) => !id.startsWith('stytch_'));

describe('RbacPolicyCache: the RBAC policy read once, and dropped when it changes', () => {
  let t: TestRuntime;
  // A second runtime on the same SQLite file: what the CLI (`tessera rbac set`) is beside a running server.
  let other: Runtime;
  beforeEach(async () => {
    t = await openTestRuntime();
    other = await openRuntime(loadConfig({ TESSERA_DATA_DIR: t.dir }), t.clock.fn);
  });
  afterEach(async () => {
    await other.close();
    await t.close();
  });
  const otherCtx = () => projectContext(other.deps, t.ctx.project);

  it("serves this process's own change at once, another process's within 5 seconds", async () => {
    expect(roleIds(await projectPolicy(t.ctx, 'cache'))).toEqual([]); // Tessera's default, now cached
    await setRbacPolicy(t.ctx, policyWith('editor'));
    expect(roleIds(await projectPolicy(t.ctx, 'cache'))).toEqual(['editor']);

    await setRbacPolicy(otherCtx(), policyWith('auditor'));
    expect(roleIds(await projectPolicy(otherCtx(), 'cache'))).toEqual(['auditor']);
    expect(roleIds(await projectPolicy(t.ctx, 'cache'))).toEqual(['editor']); // cached here
    expect(roleIds(await projectPolicy(t.ctx))).toEqual(['auditor']); // what GET and the role checks of writes read
    t.clock.advance(4_999);
    expect(roleIds(await projectPolicy(t.ctx, 'cache'))).toEqual(['editor']);
    t.clock.advance(1);
    expect(roleIds(await projectPolicy(t.ctx, 'cache'))).toEqual(['auditor']);
  });

  it('a cache event for the project (another instance over PostgreSQL) drops it at once', async () => {
    await projectPolicy(t.ctx, 'cache');
    await setRbacPolicy(otherCtx(), policyWith('auditor'));
    await t.runtime.deps.events.publish({ topic: 'rbac', projectId: t.ctx.project.project_id });
    expect(roleIds(await projectPolicy(t.ctx, 'cache'))).toEqual(['auditor']);
    await setRbacPolicy(otherCtx(), policyWith('viewer'));
    await t.runtime.deps.events.publish({ topic: 'all' });
    expect(roleIds(await projectPolicy(t.ctx, 'cache'))).toEqual(['viewer']);
  });

  it('hands out a frozen policy, so no caller can change what the next one reads', async () => {
    await setRbacPolicy(t.ctx, policyWith('editor'));
    const cached = (await t.runtime.deps.rbacPolicies.get(t.ctx.project.project_id))!;
    expect(() => (cached.roles as unknown[]).push(role('intruder'))).toThrow(TypeError);
    expect(() => ((cached.roles[0] as { role_id: string }).role_id = 'x')).toThrow(TypeError);
    expect(roleIds((await t.runtime.deps.rbacPolicies.get(t.ctx.project.project_id))!)).toEqual(['editor']);
  });

  it('a read that began before an invalidation does not cache what it read', async () => {
    const store = t.runtime.deps.stores.rbacPolicies;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // The real store, its read held until the policy has been replaced and the cache told.
    const cache = new RbacPolicyCache({ get: async (id) => { const read = await store.get(id); await gate; return read; }, set: store.set.bind(store) }, t.clock.fn);
    const id = t.ctx.project.project_id;
    await store.set(id, policyWith('editor') as RbacPolicy, t.clock.now());
    const slow = cache.get(id);
    await new Promise((resolve) => setImmediate(resolve));
    await store.set(id, policyWith('auditor') as RbacPolicy, t.clock.now());
    cache.invalidate(id);
    release();
    expect(roleIds((await slow)!)).toEqual(['editor']); // what it read, returned once
    expect(roleIds((await cache.get(id))!)).toEqual(['auditor']); // but not kept
  });
});
