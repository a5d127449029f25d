import 'server-only';
/**
 * The backend client of the guide's `lib/loadStytch`: `@tessera/node`'s `B2BClient` (the official `stytch`
 * package's `B2BClient` works the same with `env: TESSERA_URL + '/'`). One per server process, so the JWKS
 * that `authenticateJwt` verifies against is cached between requests.
 */
import { B2BClient } from '@tessera/nextjs/server';
import { serverConfig } from './config';

let client: B2BClient | undefined;

export default function loadStytch(): B2BClient {
  const { projectId, secret, tesseraUrl } = serverConfig();
  client ??= new B2BClient({ project_id: projectId, secret, base_url: tesseraUrl });
  return client;
}
