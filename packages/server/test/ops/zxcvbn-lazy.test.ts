import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createUser, newFactor, projectContext, startSession } from '@tessera/server';
import { useServer } from '../compat/helpers.js';

// zxcvbn's language packs are CommonJS, loaded through `require` by the first password check
// (crypto/password/strength.ts): whether they are in the process's module cache says whether the dictionaries
// (~22 MB of heap once ranked) have been built. Each test file runs in a process of its own.
const require = createRequire(import.meta.url);
const dictionariesLoaded = () => Object.keys(require.cache).some((file) => file.includes('@zxcvbn-ts/language-en'));

const t = useServer();

describe('memory: zxcvbn is built by the first password check, not at start-up', () => {
  it('a warmed-up server that has only authenticated sessions holds no dictionaries; the first strength check builds them', async () => {
    await t.srv.server.warmedUp;
    const deps = t.srv.server.runtime.deps;
    const ctx = projectContext(deps, (await deps.stores.projects.get(t.srv.project.project_id))!);
    const user = await createUser(ctx, { email: 'lazy@example.com' });
    const started = await startSession(ctx, user, newFactor('email', 'magic_link', ctx.clock()), { session_duration_minutes: 60 });
    const { session } = await t.client.sessions.authenticate({ session_token: started.session_token });
    expect(session.user_id).toBe(user.user_id);
    expect(dictionariesLoaded()).toBe(false);

    const weak = await t.client.passwords.strengthCheck({ password: 'password1' });
    expect(weak.valid_password).toBe(false);
    expect(dictionariesLoaded()).toBe(true);
  });
});
