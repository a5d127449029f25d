import { afterAll, beforeAll, describe } from 'vitest';
import { startServer, type TestServer } from '@tessera/test-utils';
import { passwordRoutes } from '../../src/http/routes/passwords.js';
import { sessionRoutes } from '../../src/http/routes/sessions.js';
import { userRoutes } from '../../src/http/routes/users.js';
import { officialClient, STRONG_PASSWORD, uniqueEmail } from '../compat/helpers.js';
import { fuzzBodyFields } from './fuzz-fields.js';
import { rawSender, type Send } from './send.js';

let srv: TestServer;
let send: Send;
let user: { user_id: string; email: string; session_token: string };
beforeAll(async () => {
  srv = await startServer();
  send = rawSender(srv);
  const email = uniqueEmail('fuzz');
  const res = await officialClient(srv).passwords.create({ email, password: STRONG_PASSWORD, session_duration_minutes: 600 });
  user = { user_id: res.user_id, email, session_token: res.session_token };
});
afterAll(() => srv.close());

const path = (url: string) => url.replace(':user_id', user.user_id).replace(':project_id', srv.project.project_id);

/** A valid body per route, so that one bad field at a time reaches the deeper validators. */
const BASE: Record<string, () => Record<string, unknown>> = {
  'POST /v1/users': () => ({ email: uniqueEmail('fuzzu') }),
  'POST /v1/passwords': () => ({ email: uniqueEmail('fuzzp'), password: STRONG_PASSWORD }),
  'POST /v1/passwords/authenticate': () => ({ email: user.email, password: STRONG_PASSWORD }),
  'POST /v1/passwords/strength_check': () => ({ password: 'x' }),
  'POST /v1/passwords/migrate': () => ({ email: uniqueEmail('fuzzm'), hash: 'a'.repeat(32), hash_type: 'md_5' }),
  'POST /v1/passwords/existing_password/reset': () => ({ email: user.email, existing_password: STRONG_PASSWORD, new_password: STRONG_PASSWORD }),
  'POST /v1/passwords/session/reset': () => ({ session_token: user.session_token, password: STRONG_PASSWORD }),
  'POST /v1/sessions/authenticate': () => ({ session_token: user.session_token }),
  'POST /v1/sessions/revoke': () => ({}),
};

describe('no consumer input yields a 5xx', () => {
  fuzzBodyFields([...userRoutes, ...passwordRoutes, ...sessionRoutes], { send: () => send, base: BASE, path });
});
