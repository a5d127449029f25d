// @ts-nocheck -- published snippet text, kept as close to the guide as possible (see the FIX notes below).
// The Stytch B2B Next.js guide's `src/app/shared-actions.ts` from Stytch's demo app,
// as published. The demo's imports are not part of the snippet; these are them:
import * as stytchSdk from 'stytch';
import { cookies, redirect } from './next-shim';

// The demo app's backend client, with the base URL pointed at Tessera.
const stytch = new stytchSdk.Client({
  project_id: process.env.STYTCH_PROJECT_ID || '',
  secret: process.env.STYTCH_SECRET || '',
  env: process.env.TESSERA_URL,
});

export async function getStytchUser() {
  const cookieStore = cookies();
  const sessionCookie = cookieStore.get("stytch_session");

  if (!sessionCookie) {
    redirect("/");
  }

  let session;
  try {
    session = await stytch.sessions.authenticate({
      session_token: sessionCookie?.value,
    });
  } catch (error) {
    // log error
  }

  return session.user;
}
