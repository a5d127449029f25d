/**
 * A restart in the middle of passwordless flows loses nothing (issue #16): rate-limit counts, pending magic
 * links and OTP codes live in the database (the codes only as HMACs under the master key, which the second
 * process reads from the same data directory), so a new process on the same data directory carries on.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as stytch from 'stytch';
import { loadConfig, startServer, type StartedServer } from '@tessera/server';
import type { TestServer } from '@tessera/test-utils';
import { stytchError, uniqueEmail } from '../compat/helpers.js';
import { lastCode, lastLink } from './helpers.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-restart-'));
const REDIRECT = 'http://localhost:3000/authenticate';
let running: StartedServer | null = null;

async function start(): Promise<StartedServer> {
  const config = loadConfig({
    TESSERA_HOST: '127.0.0.1',
    TESSERA_PORT: '0',
    TESSERA_DATA_DIR: dir,
    TESSERA_LOG_LEVEL: 'silent',
    TESSERA_RATE_LIMIT_IDENTIFIER: '3/10m',
  });
  running = await startServer(config);
  return running;
}

afterAll(async () => {
  await running?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a restart keeps limits and pending tokens', () => {
  it('sends before the restart count against the limit after it; the link and the code sent before it still work, once', async () => {
    const first = await start();
    const created = first.createdProject!;
    const project = { project_id: created.project.project_id, secret: created.secret };
    const as = (s: StartedServer) => ({ url: s.url, project: { ...project, public_token: created.public_token } }) as unknown as TestServer;
    const clientOf = (s: StartedServer) => new stytch.Client({ ...project, env: `${s.url}/` });

    const email = uniqueEmail('restart');
    const otpEmail = uniqueEmail('restart-otp');
    let client = clientOf(first);
    for (let i = 0; i < 3; i++) await client.magicLinks.email.loginOrCreate({ email, login_magic_link_url: REDIRECT, signup_magic_link_url: REDIRECT });
    const { email_id } = await client.otps.email.loginOrCreate({ email: otpEmail, expiration_minutes: 10 });
    const link = await lastLink(as(first), email);
    const code = await lastCode(as(first), otpEmail);
    await first.close();
    running = null;

    const second = await start();
    expect(second.createdProject).toBeNull(); // the same project, from the same database
    client = clientOf(second);
    const limited = await stytchError(client.magicLinks.email.loginOrCreate({ email, login_magic_link_url: REDIRECT, signup_magic_link_url: REDIRECT }));
    expect([limited.status_code, limited.error_type]).toEqual([429, 'too_many_requests']);
    // The outbox survived too: the same link is still the newest message.
    expect((await lastLink(as(second), email)).token).toBe(link.token);

    const viaLink = await client.magicLinks.authenticate({ token: link.token, session_duration_minutes: 60 });
    expect(viaLink.user.emails[0]).toMatchObject({ email, verified: true });
    expect((await stytchError(client.magicLinks.authenticate({ token: link.token }))).error_type).toBe('unable_to_auth_magic_link');
    const viaCode = await client.otps.authenticate({ method_id: email_id, code, session_duration_minutes: 60 });
    expect(viaCode.user.emails[0]).toMatchObject({ email: otpEmail, verified: true });
    await client.sessions.authenticate({ session_token: viaCode.session_token });
  });
});
