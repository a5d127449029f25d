/**
 * Basic project credentials, cached: the request hook answers from the cache without a promise
 * (`authenticateCached`) and falls back to the store only when the project is not cached or is due.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestRuntime, type TestRuntime } from '@tessera/test-utils';
import { createProject } from '@tessera/server';
import { ProjectAuthenticator } from '../../src/domain/projects/project-auth.js';

describe('ProjectAuthenticator', () => {
  let t: TestRuntime;
  beforeEach(async () => {
    t = await openTestRuntime();
  });
  afterEach(async () => t.close());

  it('answers from the cache alone once the project was read, and not after 5 seconds or an invalidation', async () => {
    const { project, secret } = await createProject(t.runtime.deps);
    const id = project.project_id;
    const auth = new ProjectAuthenticator(t.runtime.deps.stores.projects, t.clock.fn);
    expect(auth.authenticateCached(id, secret)).toBeUndefined(); // nothing cached: the caller must wait for the store
    const found = await auth.authenticateSecret(id, secret);
    expect(found?.project.project_id).toBe(id);
    expect(auth.authenticateCached(id, secret)).toEqual(found);
    expect(auth.authenticateCached(id, 'secret-test-wrong')).toBeNull(); // cached, and wrong: no store read
    expect(await auth.authenticateSecret(id, 'secret-test-wrong')).toBeNull();
    t.clock.advance(4_999);
    expect(auth.authenticateCached(id, secret)).toEqual(found);
    t.clock.advance(1);
    expect(auth.authenticateCached(id, secret)).toBeUndefined();
    expect(await auth.authenticateSecret(id, secret)).toEqual(found);
    auth.invalidate(id);
    expect(auth.authenticateCached(id, secret)).toBeUndefined();
  });

  it('an unknown project is cached as unknown (null), not read again on every request', async () => {
    const auth = new ProjectAuthenticator(t.runtime.deps.stores.projects, t.clock.fn);
    const unknown = 'project-test-00000000-0000-4000-8000-000000000000';
    expect(await auth.authenticateSecret(unknown, 'secret-test-x')).toBeNull();
    expect(auth.authenticateCached(unknown, 'secret-test-x')).toBeNull();
  });
});
