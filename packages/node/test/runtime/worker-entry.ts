/**
 * The Worker the workerd runtime test bundles: `@tessera/node` local-first verification, unchanged, with the
 * consumer `Client` and the `B2BClient`. One client of each per isolate, as a real Worker would keep them,
 * so the JWKS and policy caches outlive a request.
 */
import { B2BClient, Client } from '../../src/index.js';

interface Env {
  BASE_URL: string;
  PROJECT_ID: string;
  SECRET: string;
}

type Op = 'local' | 'jwt' | 'b2b-local' | 'b2b-jwt';

let client: Client | undefined;
let b2b: B2BClient | undefined;

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const config = { project_id: env.PROJECT_ID, secret: env.SECRET, base_url: env.BASE_URL, warn: () => {} };
    client ??= new Client(config);
    b2b ??= new B2BClient(config);
    const { op, session_jwt, authorization_check } = (await request.json()) as {
      op: Op;
      session_jwt: string;
      authorization_check?: { organization_id: string; resource_id: string; action: string };
    };
    try {
      const result =
        op === 'local'
          ? await client.sessions.authenticateJwtLocal({ session_jwt })
          : op === 'jwt'
            ? await client.sessions.authenticateJwt({ session_jwt })
            : op === 'b2b-local'
              ? await b2b.sessions.authenticateJwtLocal({ session_jwt, ...(authorization_check && { authorization_check }) })
              : await b2b.sessions.authenticateJwt({ session_jwt, ...(authorization_check && { authorization_check }) });
      return Response.json({ ok: true, result, clockSkew: client.clockSkew ?? null });
    } catch (e) {
      const err = e as Error & { code?: string; error_type?: string };
      return Response.json({ ok: false, name: err.name, code: err.code ?? null, error_type: err.error_type ?? null, message: err.message });
    }
  },
};
