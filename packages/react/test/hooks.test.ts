// @vitest-environment happy-dom
/**
 * @tessera/react hooks in a DOM against a real Tessera server: the seed's three steps (uninitialised on the
 * server and the first client render, then the cached value, then the fresh one), a logged-out page,
 * logout on session_not_found, cross-tab login, and useStytchIsAuthorized.
 */
import { createElement, type ReactNode } from 'react';
import { act } from 'react';
import { hydrateRoot, type Root } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { createTesseraClient, REFRESH_INTERVAL_MS, type TesseraClient } from '@tessera/js';
import { StytchProvider, useStytchIsAuthorized, useStytchSession, useStytchUser } from '@tessera/react';
import { track, until } from '../../js/test/fixtures/page.js';
import { PASSWORD, recordingFetch, useServer, userWithPassword } from '../../js/test/fixtures/server.js';
import { ManualTimers } from '../../js/test/fixtures/timers.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const t = useServer();
const roots: Root[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) act(() => r.unmount());
  document.body.innerHTML = '';
});

function client() {
  const rec = recordingFetch();
  const timers = new ManualTimers();
  const c = track(createTesseraClient(t.srv.project.public_token, { baseUrl: t.srv.url, fetch: rec.fetch, timers }));
  return { c, calls: rec.calls, timers };
}

type Seen = { user: string | null; session: string | null; fromCache: boolean; isInitialized: boolean };

/** A component recording what useStytchUser and useStytchSession answer on each render (changes only). */
function recorder() {
  const seen: Seen[] = [];
  function Probe() {
    const u = useStytchUser();
    const s = useStytchSession();
    expect(u.fromCache).toBe(s.fromCache);
    expect(u.isInitialized).toBe(s.isInitialized);
    const entry = { user: u.user?.user_id ?? null, session: s.session?.session_id ?? null, fromCache: u.fromCache, isInitialized: u.isInitialized };
    if (JSON.stringify(seen.at(-1)) !== JSON.stringify(entry)) seen.push(entry);
    return createElement('pre', null, JSON.stringify(entry));
  }
  return { seen, Probe };
}

/** Server-renders `app`, then hydrates it in the page as Next.js does. */
function serverThenHydrate(app: ReactNode): string {
  const html = renderToString(app);
  const container = document.createElement('div');
  container.innerHTML = html;
  document.body.appendChild(container);
  act(() => {
    roots.push(hydrateRoot(container, app));
  });
  return html;
}

async function logIn(c: TesseraClient) {
  const { email, user_id } = await userWithPassword(t);
  const login = await c.passwords.authenticate({ email, password: PASSWORD, session_duration_minutes: 60 });
  return { user_id, session_id: login.session!.session_id, token: login.session_token };
}

describe('three steps', () => {
  it('null/uninitialised on the server and first render, then cached (fromCache: true), then fresh (fromCache: false)', async () => {
    const first = client();
    const { user_id, session_id } = await logIn(first.c);
    first.c.close(); // the page reloads

    const { c, calls, timers } = client();
    const { seen, Probe } = recorder();
    const html = serverThenHydrate(createElement(StytchProvider, { stytch: c }, createElement(Probe)));
    expect(html).toContain('&quot;isInitialized&quot;:false');
    expect(calls).toHaveLength(0); // rendering sent nothing; the background authenticate waits for its timer
    timers.advance(0);
    await act(() => until(() => seen.length === 3));
    expect(seen).toEqual([
      { user: null, session: null, fromCache: false, isInitialized: false },
      { user: user_id, session: session_id, fromCache: true, isInitialized: true },
      { user: user_id, session: session_id, fromCache: false, isInitialized: true },
    ]);
    expect(calls.map((x) => x.path)).toEqual(['/sessions/authenticate']);
  });

  it('a logged-out page: uninitialised, then null with isInitialized, and no request', async () => {
    const { c, calls } = client();
    const { seen, Probe } = recorder();
    serverThenHydrate(createElement(StytchProvider, { stytch: c }, createElement(Probe)));
    expect(seen).toEqual([
      { user: null, session: null, fromCache: false, isInitialized: false },
      { user: null, session: null, fromCache: false, isInitialized: true },
    ]);
    expect(calls).toHaveLength(0);
  });
});

describe('changes after mount', () => {
  it('logout on session_not_found: the hooks go to null after the refresh', async () => {
    const { c, timers } = client();
    const { seen, Probe } = recorder();
    serverThenHydrate(createElement(StytchProvider, { stytch: c }, createElement(Probe)));
    const { token, user_id } = await act(() => logIn(c));
    expect(seen.at(-1)).toMatchObject({ user: user_id, fromCache: false, isInitialized: true });
    await t.backend.sessions.revoke({ session_token: token });
    timers.advance(REFRESH_INTERVAL_MS);
    await act(() => until(() => seen.at(-1)?.user === null));
    expect(seen.at(-1)).toEqual({ user: null, session: null, fromCache: false, isInitialized: true });
  });

  it('a login in another tab shows in this tab', async () => {
    const here = client();
    const other = client();
    const { seen, Probe } = recorder();
    serverThenHydrate(createElement(StytchProvider, { stytch: here.c }, createElement(Probe)));
    const { user_id } = await logIn(other.c);
    await act(() => until(() => seen.at(-1)?.user === user_id));
    expect(here.calls).toHaveLength(0);
  });
});

describe('useStytchIsAuthorized', () => {
  it('false until initialised; then from the session roles and the project policy', async () => {
    const { c } = client();
    await logIn(c);
    const seen: Array<[boolean, boolean, boolean]> = [];
    function Check() {
      const self = useStytchIsAuthorized('stytch.self', 'update.info.name');
      const member = useStytchIsAuthorized('stytch.member', 'delete');
      seen.push([self.isInitialized, self.isAuthorized, member.isAuthorized]);
      return null;
    }
    serverThenHydrate(createElement(StytchProvider, { stytch: c }, createElement(Check)));
    expect(seen[0]).toEqual([false, false, false]);
    await act(() => until(() => c.rbac.policy.get().data !== null));
    // The consumer policy has no stytch.* permissions for stytch_user: both false, but initialised.
    expect(seen.at(-1)).toEqual([true, false, false]);
  });
});
