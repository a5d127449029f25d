// @vitest-environment node
/**
 * Server rendering (no window): the client is inert and the hooks answer uninitialised; not one request
 * is sent, even with a session cookie's worth of state around.
 */
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStytchClient, StytchProvider, useStytchIsAuthorized, useStytchSession, useStytchUser } from '@tessera/react';
import { createStytchB2BClient, StytchB2BProvider, useStytchMember, useStytchMemberSession, useStytchOrganization } from '@tessera/react/b2b';
import { TesseraSSRError } from '@tessera/js';

afterEach(() => vi.restoreAllMocks());

describe('server rendering', () => {
  it('consumer hooks: null, fromCache false, isInitialized false; no fetch', async () => {
    const fetchSpy = vi.fn<typeof fetch>();
    vi.stubGlobal('fetch', fetchSpy);
    const client = createStytchClient('public-token-test-00000000-0000-4000-8000-000000000000', { baseUrl: 'http://127.0.0.1:1' });
    function Page() {
      return createElement('pre', null, JSON.stringify([useStytchUser(), useStytchSession(), useStytchIsAuthorized('documents', 'read')]));
    }
    const html = renderToString(createElement(StytchProvider, { stytch: client }, createElement(Page)));
    expect(html).toContain(
      JSON.stringify([
        { user: null, fromCache: false, isInitialized: false },
        { session: null, fromCache: false, isInitialized: false },
        { isAuthorized: false, fromCache: false, isInitialized: false },
      ]).replaceAll('"', '&quot;'),
    );
    expect(client.isBrowser).toBe(false);
    expect(client.session.getSync()).toBeNull();
    await expect(client.session.authenticate()).rejects.toBeInstanceOf(TesseraSSRError);
    expect(fetchSpy).not.toHaveBeenCalled();
    vi.unstubAllGlobals();
  });

  it('B2B hooks likewise', () => {
    const fetchSpy = vi.fn<typeof fetch>();
    vi.stubGlobal('fetch', fetchSpy);
    const client = createStytchB2BClient('public-token-test-00000000-0000-4000-8000-000000000000', { endpoints: { testAPIURL: 'http://127.0.0.1:1' } });
    function Page() {
      return createElement('pre', null, JSON.stringify([useStytchMember(), useStytchMemberSession(), useStytchOrganization()]));
    }
    const html = renderToString(createElement(StytchB2BProvider, { stytch: client }, createElement(Page)));
    expect(html).toContain('{&quot;member&quot;:null,&quot;fromCache&quot;:false,&quot;isInitialized&quot;:false}');
    expect(html).toContain('{&quot;organization&quot;:null,&quot;fromCache&quot;:false,&quot;isInitialized&quot;:false}');
    expect(fetchSpy).not.toHaveBeenCalled();
    vi.unstubAllGlobals();
  });

  it('a missing base URL is refused when the client is made', () => {
    expect(() => createStytchClient('public-token-test-x')).toThrow(/baseUrl/);
  });
});
