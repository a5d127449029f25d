// The one-line switch from the official plugin:
//   import stytchPlugin from "@cloudflare/pages-plugin-stytch";
import tesseraPlugin from '@tessera/edge/pages';

interface Env {
  STYTCH_PROJECT_ID: string;
  STYTCH_SECRET: string;
  /** The Tessera API base, e.g. `http://127.0.0.1:4000/v1/` (as the official plugin's `env`). */
  STYTCH_ENV: string;
}

export const onRequest = (context: { env: Env } & Parameters<ReturnType<typeof tesseraPlugin>>[0]) =>
  tesseraPlugin({
    project_id: context.env.STYTCH_PROJECT_ID,
    // A Workers secret (`wrangler pages secret put STYTCH_SECRET`), read per request.
    secret: (env) => env.STYTCH_SECRET as string,
    env: context.env.STYTCH_ENV,
  })(context);
