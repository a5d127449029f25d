// @vitest-environment happy-dom
/**
 * Two clients of one public token on one page stand for two tabs: they share localStorage, cookies and a
 * BroadcastChannel name (BroadcastChannel delivers to the other instances, never to the sender).
 */
import { describe, expect, it } from 'vitest';
import { createTesseraClient, REFRESH_INTERVAL_MS } from '@tessera/js';
import { track, until } from './fixtures/page.js';
import { PASSWORD, recordingFetch, useServer, userWithPassword } from './fixtures/server.js';
import { ManualTimers } from './fixtures/timers.js';

const t = useServer();

function tab() {
  const rec = recordingFetch();
  const timers = new ManualTimers();
  const c = track(createTesseraClient(t.srv.project.public_token, { baseUrl: t.srv.url, fetch: rec.fetch, timers }));
  return { c, calls: rec.calls, timers };
}

describe('cross-tab', () => {
  it('a login in one tab shows in the other; a logout too', async () => {
    const { email } = await userWithPassword(t);
    const a = tab();
    const b = tab();
    const seen: Array<string | null> = [];
    b.c.session.onChange((s) => seen.push(s?.session_id ?? null));
    const login = await a.c.passwords.authenticate({ email, password: PASSWORD, session_duration_minutes: 60 });
    await until(() => b.c.session.getSync() !== null);
    expect(b.c.session.getSync()?.session_id).toBe(login.session!.session_id);
    expect(b.c.store.get().fromCache).toBe(false);
    expect(b.timers.pending()).toEqual([REFRESH_INTERVAL_MS]);
    expect(b.calls).toHaveLength(0);
    await a.c.session.revoke();
    await until(() => b.c.session.getSync() === null);
    expect(seen).toEqual([login.session!.session_id, null]);
    expect(b.timers.pending()).toEqual([]);
  });

  it('one refresh in flight across tabs: both timers fire, one request, both tabs updated', async () => {
    const { email } = await userWithPassword(t);
    const a = tab();
    const b = tab();
    await a.c.passwords.authenticate({ email, password: PASSWORD, session_duration_minutes: 60 });
    await until(() => b.c.session.getSync() !== null);
    const before = b.c.session.getSync()!.last_accessed_at;
    t.srv.clock.advance(5_000);
    a.timers.advance(REFRESH_INTERVAL_MS);
    b.timers.advance(REFRESH_INTERVAL_MS);
    await until(() => a.calls.length + b.calls.length === 2 && b.timers.pending().length === 1 && a.timers.pending().length === 1);
    await new Promise((r) => setTimeout(r, 100));
    const refreshes = [...a.calls, ...b.calls].filter((c) => c.path === '/sessions/authenticate');
    expect(refreshes).toHaveLength(1);
    expect(a.c.session.getSync()).toEqual(b.c.session.getSync());
    expect(b.c.session.getSync()!.last_accessed_at >= before).toBe(true);
  });

  it('a tab opened after the login starts from the shared cache and the shared cookie', async () => {
    const { email } = await userWithPassword(t);
    const a = tab();
    const login = await a.c.passwords.authenticate({ email, password: PASSWORD, session_duration_minutes: 60 });
    const b = tab();
    expect(b.c.store.get()).toMatchObject({ fromCache: true });
    b.timers.advance(0);
    await until(() => !b.c.store.get().fromCache);
    expect(b.calls[0]!.authorization).toContain(btoa(`${t.srv.project.public_token}:${login.session_token}`));
  });
});
