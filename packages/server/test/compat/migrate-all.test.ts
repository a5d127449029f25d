import crypto from 'node:crypto';
import { hash as argon2Hash } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { uniqueEmail, useServer } from './helpers.js';

const t = useServer();

const PW = 'legacy-Password-2019';
const hex = (alg: string, s: string) => crypto.createHash(alg).update(s).digest('hex');

/** Each legacy format, hashed by a tool other than Tessera (node:crypto, @node-rs/argon2, a published phpass vector). */
const cases: { name: string; password: string; request: () => Promise<Record<string, unknown>> }[] = [
  { name: 'md_5 with salts', password: PW, request: async () => ({ hash_type: 'md_5', hash: hex('md5', `pre${PW}post`), md_5_config: { prepend_salt: 'pre', append_salt: 'post' } }) },
  { name: 'sha_1', password: PW, request: async () => ({ hash_type: 'sha_1', hash: hex('sha1', PW) }) },
  { name: 'sha_512 with a salt', password: PW, request: async () => ({ hash_type: 'sha_512', hash: hex('sha512', `s4lt${PW}`), sha_512_config: { prepend_salt: 's4lt', append_salt: '' } }) },
  {
    name: 'scrypt with config',
    password: PW,
    request: async () => {
      const salt = crypto.randomBytes(16);
      const key = crypto.scryptSync(PW, salt, 32, { N: 16384, r: 8, p: 1 });
      return { hash_type: 'scrypt', hash: key.toString('base64'), scrypt_config: { salt: salt.toString('base64'), n_parameter: 16384, r_parameter: 8, p_parameter: 1, key_length: 32 } };
    },
  },
  {
    name: 'pbkdf_2 sha512',
    password: PW,
    request: async () => {
      const salt = crypto.randomBytes(16);
      const key = crypto.pbkdf2Sync(PW, salt, 10_000, 64, 'sha512');
      return { hash_type: 'pbkdf_2', hash: key.toString('base64'), pbkdf_2_config: { salt: salt.toString('base64'), iteration_amount: 10_000, key_length: 64, algorithm: 'sha512' } };
    },
  },
  { name: 'argon_2id (PHC)', password: PW, request: async () => ({ hash_type: 'argon_2id', hash: await argon2Hash(PW, { memoryCost: 4096, timeCost: 1 }) }) },
  // phpass 0.3 test.php: "test12345" with the portable hash below.
  { name: 'phpass', password: 'test12345', request: async () => ({ hash_type: 'phpass', hash: '$P$9IQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0' }) },
];

describe('passwords.migrate: every legacy format verifies once, then is argon2id', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const email = uniqueEmail('legacy');
      const res = await t.client.passwords.migrate({ email, ...(await c.request()) } as never);
      expect(res.user_created).toBe(true);
      const stored = async () => (await t.srv.server.runtime.deps.stores.users.get(t.srv.project.project_id, res.user_id))!.password!.hash;
      expect(await stored()).not.toMatch(/^\$argon2id\$v=19\$m=19456/);
      await expect(t.client.passwords.authenticate({ email, password: c.password + 'x' })).rejects.toMatchObject({ error_type: 'unauthorized_credentials' });
      const ok = await t.client.passwords.authenticate({ email, password: c.password, session_duration_minutes: 5 });
      expect(ok.user_id).toBe(res.user_id);
      expect(await stored()).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      await t.client.passwords.authenticate({ email, password: c.password });
    });
  }
});
