/**
 * No usable B2B passwordless secret in the database: magic link, discovery and reset tokens, intermediate
 * session tokens and OTP codes are stored only as HMACs under a key derived from the master key.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createOrg, latestMail, linkToken, memberWithPassword, REDIRECT, useB2BServer } from './helpers.js';

const t = useB2BServer();

function databaseText(dir: string): string {
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith('tessera.db'))
    .map((f) => fs.readFileSync(path.join(dir, f)).toString('latin1'))
    .join('\n');
}

describe('B2B passwordless secrets at rest', () => {
  it('links, intermediate session tokens and codes never appear in the SQLite file or its WAL', async () => {
    const org = await createOrg(t.client, { mfa_policy: 'REQUIRED_FOR_ALL' });
    const member = await memberWithPassword(t.client, org.organization_id);
    const secrets: string[] = [];

    await t.client.magicLinks.email.loginOrSignup({ organization_id: org.organization_id, email_address: member.email_address, login_redirect_url: REDIRECT });
    const ml = linkToken((await latestMail(t.srv, member.email_address)).link).token;
    secrets.push(ml);
    const auth = await t.client.magicLinks.authenticate({ magic_links_token: ml });
    secrets.push(auth.intermediate_session_token);

    await t.client.magicLinks.email.discovery.send({ email_address: member.email_address, discovery_redirect_url: REDIRECT });
    const disc = linkToken((await latestMail(t.srv, member.email_address)).link).token;
    secrets.push(disc);
    secrets.push((await t.client.magicLinks.discovery.authenticate({ discovery_magic_links_token: disc })).intermediate_session_token);

    await t.client.passwords.email.resetStart({ organization_id: org.organization_id, email_address: member.email_address, reset_password_redirect_url: REDIRECT });
    secrets.push(linkToken((await latestMail(t.srv, member.email_address)).link).token);

    await t.client.otps.email.loginOrSignup({ organization_id: org.organization_id, email_address: member.email_address });
    const code = (await latestMail(t.srv, member.email_address)).code!;

    const db = databaseText(t.srv.dir);
    for (const s of secrets) {
      expect(s).toHaveLength(44);
      expect(db.includes(s)).toBe(false);
      expect(db.includes(s.slice(0, 43))).toBe(false);
    }
    // A 6-digit code could occur by chance in binary data; as a labelled JSON value it must not.
    expect(db.includes(`"code":"${code}"`)).toBe(false);
  });
});
