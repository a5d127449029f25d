// @vitest-environment happy-dom
/**
 * @tessera/react/b2b against a real server: useStytchMember / useStytchMemberSession / useStytchOrganization
 * in three steps, and useStytchIsAuthorized from the member's roles (stytch_admin vs stytch_member).
 */
import { act, createElement } from 'react';
import { hydrateRoot, type Root } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { createTesseraB2BClient } from '@tessera/js/b2b';
import { StytchB2BProvider, useStytchIsAuthorized, useStytchMember, useStytchMemberSession, useStytchOrganization } from '@tessera/react/b2b';
import { track, until } from '../../js/test/fixtures/page.js';
import { memberWithPassword, PASSWORD, recordingFetch, useServer } from '../../js/test/fixtures/server.js';
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
  const c = track(createTesseraB2BClient(t.srv.project.public_token, { baseUrl: t.srv.url, fetch: rec.fetch, timers }));
  return { c, calls: rec.calls, timers };
}

function hydrate(app: ReturnType<typeof createElement>) {
  const container = document.createElement('div');
  container.innerHTML = renderToString(app);
  document.body.appendChild(container);
  act(() => {
    roots.push(hydrateRoot(container, app));
  });
}

async function logIn(roles?: string[]) {
  const { organization, member } = await memberWithPassword(t, roles);
  const first = client();
  const r = await first.c.passwords.authenticate({ organization_id: organization.organization_id, email_address: member.email_address, password: PASSWORD, session_duration_minutes: 60 });
  return { first, organization, member, session_id: r.member_session!.member_session_id };
}

describe('B2B hooks', () => {
  it('member, member session and organization: uninitialised, cached, fresh', async () => {
    const { first, organization, member, session_id } = await logIn();
    first.c.close();
    const { c, calls, timers } = client();
    const seen: string[] = [];
    function Probe() {
      const m = useStytchMember();
      const s = useStytchMemberSession();
      const o = useStytchOrganization();
      const entry = JSON.stringify([m.member?.member_id ?? null, s.session?.member_session_id ?? null, o.organization?.organization_id ?? null, m.fromCache, s.fromCache, o.fromCache, m.isInitialized]);
      if (seen.at(-1) !== entry) seen.push(entry);
      return null;
    }
    hydrate(createElement(StytchB2BProvider, { stytch: c }, createElement(Probe)));
    expect(calls).toHaveLength(0);
    timers.advance(0);
    await act(() => until(() => seen.length === 3));
    const ids = [member.member_id, session_id, organization.organization_id];
    expect(seen.map((s) => JSON.parse(s))).toEqual([
      [null, null, null, false, false, false, false],
      [...ids, true, true, true, true],
      [...ids, false, false, false, true],
    ]);
    expect(calls.map((x) => x.path)).toEqual(['/b2b/sessions/authenticate']);
  });

  it('useStytchIsAuthorized: an admin may search members, a member may not; both may update their own name', async () => {
    for (const [roles, canSearch] of [[['stytch_admin'], true], [undefined, false]] as const) {
      const { first } = await logIn(roles ? [...roles] : undefined);
      const seen: Array<[boolean, boolean, boolean]> = [];
      function Check() {
        const search = useStytchIsAuthorized('stytch.member', 'search');
        const self = useStytchIsAuthorized('stytch.self', 'update.info.name');
        seen.push([search.isInitialized, search.isAuthorized, self.isAuthorized]);
        return null;
      }
      hydrate(createElement(StytchB2BProvider, { stytch: first.c }, createElement(Check)));
      expect(seen[0]).toEqual([false, false, false]);
      await act(() => until(() => first.c.rbac.policy.get().data !== null));
      expect(seen.at(-1)).toEqual([true, canSearch, true]);
      // The server agrees with the browser's verdict.
      const search = first.c.organization.members.search({});
      if (canSearch) expect((await search).members.length).toBeGreaterThan(0);
      else await expect(search).rejects.toMatchObject({ status_code: 403 });
      for (const r of roots.splice(0)) act(() => r.unmount());
      first.c.close();
      localStorage.clear();
    }
  });

  it('self.get and organization.get refresh the state; session.revoke logs out', async () => {
    const { first, member, organization } = await logIn();
    expect((await first.c.self.get()).member.member_id).toBe(member.member_id);
    expect((await first.c.organization.get()).organization.organization_id).toBe(organization.organization_id);
    expect(first.c.self.getSync()?.member_id).toBe(member.member_id);
    await first.c.session.revoke();
    expect(first.c.session.getSync()).toBeNull();
    expect(first.c.organization.getSync()).toBeNull();
  });
});
