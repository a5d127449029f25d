/**
 * The B2B scenario suite against a real Tessera server (`@tessera/test-utils`), run twice: with the official
 * `stytch` B2BClient and with `@tessera/node`'s. A failure in only one run is a compatibility bug in that
 * client; a failure in both is the server's.
 */
import stytch from 'stytch';
import { B2BClient } from '../src/index.js';
import { defineB2BScenarios, type B2BClientLike } from './b2b-scenarios.js';
import { quietly, skip, startServer } from './fixtures/real-server.js';

defineB2BScenarios('official stytch B2BClient', {
  skip,
  startServer,
  makeClient: (srv, credentials = srv.project) =>
    quietly(() => new stytch.B2BClient({ ...credentials, env: `${srv.url}/` }) as unknown as B2BClientLike),
});

defineB2BScenarios('@tessera/node B2BClient', {
  skip,
  startServer,
  // The policy-cache step fakes Date, which the clock-skew monitor would report as a 5-minute skew.
  makeClient: (srv, credentials = srv.project) => new B2BClient({ ...credentials, base_url: srv.url, warn: () => {} }),
});
