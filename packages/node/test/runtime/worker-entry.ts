/**
 * The Worker the workerd runtime test bundles: `@tessera/node` local-first verification, unchanged.
 * One client per isolate, as a real Worker would keep it, so the JWKS cache outlives a request.
 */
import { Client } from '../../src/index.js';

interface Env {
  BASE_URL: string;
  PROJECT_ID: string;
  SECRET: string;
}

let client: Client | undefined;

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    client ??= new Client({ project_id: env.PROJECT_ID, secret: env.SECRET, base_url: env.BASE_URL, warn: () => {} });
    const { op, session_jwt } = (await request.json()) as { op: 'local' | 'jwt'; session_jwt: string };
    try {
      const result =
        op === 'local'
          ? await client.sessions.authenticateJwtLocal({ session_jwt })
          : await client.sessions.authenticateJwt({ session_jwt });
      return Response.json({ ok: true, result, clockSkew: client.clockSkew ?? null });
    } catch (e) {
      const err = e as Error & { code?: string; error_type?: string };
      return Response.json({ ok: false, name: err.name, code: err.code ?? null, error_type: err.error_type ?? null, message: err.message });
    }
  },
};
