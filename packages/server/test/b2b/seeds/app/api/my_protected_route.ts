// @ts-nocheck -- published snippet text, kept as close to the guide as possible (see the FIX notes below).
// The Stytch B2B Next.js guide's `app/api/my_protected_route.ts`: a route handler that
// validates the `stytch_session` cookie with `stytch.B2BClient` + `sessions.authenticate`, as published.
// Changed only where it could not run:
//  - FIX(undeclared): `stytch` was used without an import; added `import * as stytch from 'stytch'`.
//  - FIX(base URL): the client had no `env`, so it would call Stytch's own servers; `env` points it at
//    Tessera (`process.env.TESSERA_URL`), the one thing the seeds README allows to change.
import type { NextApiRequest, NextApiResponse } from 'next';
import loadStytch from '../../lib/loadStytch';
import Cookies from 'cookies';
import * as stytch from 'stytch';

type ErrorData = {
  errorString: string;
};

export async function handler(req: NextApiRequest, res: NextApiResponse<ErrorData>) {
  // Get session from cookie
  const cookies = new Cookies(req, res);
  const session = cookies.get('stytch_session');
  // If session does not exist display an error
  if (!session) {
    return res.status(400).json({ errorString: 'No session provided' });
  }
  try {
    const stytchClient = new stytch.B2BClient({
      project_id: process.env.STYTCH_PROJECT_ID || '',
      secret: process.env.STYTCH_SECRET || '',
      env: process.env.TESSERA_URL,
    });
    // Validate Stytch session
    await stytchClient.sessions.authenticate({ session_token: session });
    // Request is authenticated - safe to fetch/return data for authorized users
    console.log("This request is authenticated!")
    return res.status(200).end();
  } catch (error) {
    const errorString = JSON.stringify(error);
    return res.status(400).json({ errorString });
  }
}

export default handler;
