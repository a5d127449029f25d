import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, openRuntime } from '../../src/index.js';

// The built CLI, as `npm run tessera` runs it (the suite is run after `tsc -b packages/server`).
const CLI = path.resolve(import.meta.dirname, '../../dist/bundle/tessera.cjs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-rbac-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function tessera(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, env: { ...process.env, TESSERA_LOG_LEVEL: 'warn' }, encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function policyFile(name: string, content: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(content));
  return file;
}

const POLICY = {
  resources: [{ resource_id: 'documents', description: 'Docs', actions: ['read', 'write'] }],
  roles: [{ role_id: 'editor', description: 'Edits', permissions: [{ resource_id: 'documents', actions: ['*'] }] }],
};

describe('tessera rbac set <file>', () => {
  it('validates the policy file and stores it for the only project; a bad one is refused with a clear message', async () => {
    const created = tessera('project', 'create');
    expect(created.status).toBe(0);
    const { project_id } = JSON.parse(created.stdout) as { project_id: string };

    const ok = tessera('rbac', 'set', policyFile('policy.json', { policy: POLICY }));
    expect([ok.status, ok.stderr]).toEqual([0, '']);
    expect(JSON.parse(ok.stdout)).toEqual({
      project_id,
      roles: ['stytch_admin', 'stytch_member', 'editor'],
      resources: ['stytch.organization', 'stytch.member', 'stytch.sso', 'stytch.scim', 'stytch.self', 'documents'],
    });
    // the bare policy (without the { policy } wrapper) is accepted too
    expect(tessera('rbac', 'set', policyFile('bare.json', POLICY), '--project', project_id).status).toBe(0);

    const bad = tessera('rbac', 'set', policyFile('bad.json', { policy: { ...POLICY, roles: [{ role_id: 'editor', permissions: [{ resource_id: 'documents', actions: ['print'] }] }] } }));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('the policy was refused (invalid_permission_action): roles[0].permissions[0].actions: "print" is not an action of resource "documents".');
    expect(tessera('rbac', 'set', path.join(dir, 'missing.json')).status).toBe(1);

    // the stored policy is the good one
    const rt = await openRuntime(loadConfig({ TESSERA_DATA_DIR: path.join(dir, '.tessera') }));
    try {
      const stored = await rt.deps.stores.rbacPolicies.get(project_id);
      expect(stored?.roles.map((r) => r.role_id)).toEqual(['stytch_admin', 'stytch_member', 'editor']);
      expect(stored?.resources).toEqual(POLICY.resources);
    } finally {
      await rt.close();
    }
  });
});
