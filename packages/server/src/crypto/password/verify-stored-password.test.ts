import { describe, expect, it } from 'vitest';
import { hashPassword } from './argon2id.js';
import { MAX_PASSWORD_BYTES } from './internal/limits.js';
import { parseMigratedHash } from './parse-migrated-hash.js';
import type { MigrateHashInput } from './parse-migrated-hash.js';
import { verifyStoredPassword } from './verify-stored-password.js';

// Argon2 reference src/test.c vector: "password", salt "somesalt", m=256 (far below our parameters).
const WEAK_OWN = '$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4';

function migrated(input: MigrateHashInput): string {
  const parsed = parseMigratedHash(input);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.stored;
}

describe('verifyStoredPassword: our own argon2id hashes', () => {
  it('matches without asking for a rehash when the parameters are current', async () => {
    const stored = await hashPassword('a perfectly fine password');
    expect(await verifyStoredPassword(stored, 'a perfectly fine password')).toEqual({ ok: true, needsRehash: false });
  });

  it('asks for a rehash when an own hash is weaker than the current parameters', async () => {
    expect(await verifyStoredPassword(WEAK_OWN, 'password')).toEqual({ ok: true, needsRehash: true });
  });

  it('never asks for a rehash when the password is wrong', async () => {
    expect(await verifyStoredPassword(WEAK_OWN, 'passwore')).toEqual({ ok: false, needsRehash: false });
    const stored = await hashPassword('a perfectly fine password');
    expect(await verifyStoredPassword(stored, 'a perfectly fine passwore')).toEqual({ ok: false, needsRehash: false });
  });
});

describe('verifyStoredPassword: migrated hashes', () => {
  it('always asks for a rehash after a match, even for a migrated argon2id stronger than ours', async () => {
    // python3 -c "import hashlib; print(hashlib.md5(b'password').hexdigest())"
    const md5 = migrated({ hash_type: 'md_5', hash: '5f4dcc3b5aa765d61d8327deb882cf99' });
    expect(await verifyStoredPassword(md5, 'password')).toEqual({ ok: true, needsRehash: true });
    const strong = await hashPassword('imported from elsewhere');
    const imported = migrated({ hash_type: 'argon_2id', hash: strong });
    expect(await verifyStoredPassword(strong, 'imported from elsewhere')).toEqual({ ok: true, needsRehash: false });
    expect(await verifyStoredPassword(imported, 'imported from elsewhere')).toEqual({ ok: true, needsRehash: true });
  });
});

describe('verifyStoredPassword: never throws on bad input', () => {
  const md5 = '$tessera-migrated$md5$pre=,app=$5f4dcc3b5aa765d61d8327deb882cf99';

  it.each([
    ['empty', ''],
    ['a plaintext password', 'password'],
    ['a bare bcrypt hash (not in the envelope)', '$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW'],
    ['a bare md5 digest', '5f4dcc3b5aa765d61d8327deb882cf99'],
    ['a bare argon2i PHC string', '$argon2i$v=19$m=256,t=2,p=1$c29tZXNhbHQ$iekCn0Y3spW+sCcFanM2xBT63UP2sghkUoHLIUpWRS8'],
    ['the envelope alone', '$tessera-migrated$'],
    ['an unknown scheme', '$tessera-migrated$sha256$pre=,app=$5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8'],
    ['a truncated bcrypt hash', '$tessera-migrated$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0Xou'],
    ['bcrypt cost raised to 31 in the database', '$tessera-migrated$2a$31$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW'],
    ['phpass rounds raised to 2^30', '$tessera-migrated$P$S12345678aaaaaaaaaaaaaaaaaaaaa0'],
    ['an md5 digest of the wrong length', md5.slice(0, -2)],
    ['an md5 salt that is not base64', md5.replace('pre=', 'pre=*')],
    ['uppercase hex (not canonical)', md5.toUpperCase().replace('$TESSERA-MIGRATED$MD5$PRE=,APP=', '$tessera-migrated$md5$pre=,app=')],
    ['scrypt with N = 2^30', '$tessera-migrated$scrypt$ln=30,r=8,p=1$U29kaXVtQ2hsb3JpZGU$' + 'A'.repeat(86)],
    ['scrypt with a missing field', '$tessera-migrated$scrypt$ln=14,r=8,p=1$U29kaXVtQ2hsb3JpZGU'],
    ['pbkdf2 with 99,999,999 iterations', '$tessera-migrated$pbkdf2-sha256$i=99999999$TmFDbA$' + 'A'.repeat(43)],
    ['pbkdf2 with an unknown digest', '$tessera-migrated$pbkdf2-md5$i=1000$TmFDbA$' + 'A'.repeat(43)],
    ['argon2 with 4 GiB of memory', '$tessera-migrated$argon2id$v=19$m=4194304,t=1,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4'],
    ['an own argon2id hash with 4 GiB of memory', '$argon2id$v=19$m=4194304,t=1,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4'],
    ['an own argon2id hash cut short', WEAK_OWN.slice(0, 40)],
    ['a value over 8192 characters', `${md5}${'0'.repeat(8192)}`],
  ])('answers ok: false for %s', async (_name, stored) => {
    expect(verifyStoredPassword(stored, 'password')).toEqual({ ok: false, needsRehash: false });
  });

  it('answers ok: false for non-string arguments', async () => {
    expect(verifyStoredPassword(null as unknown as string, 'password')).toEqual({ ok: false, needsRehash: false });
    expect(verifyStoredPassword(md5, 42 as unknown as string)).toEqual({ ok: false, needsRehash: false });
  });

  it('answers ok: false for a password over MAX_PASSWORD_BYTES, before any hashing', async () => {
    const longPassword = 'p'.repeat(MAX_PASSWORD_BYTES + 1);
    const stored = migrated({ hash_type: 'md_5', hash: '5f4dcc3b5aa765d61d8327deb882cf99' });
    expect(verifyStoredPassword(stored, longPassword)).toEqual({ ok: false, needsRehash: false });
    expect(verifyStoredPassword(stored, 'password')).toEqual({ ok: true, needsRehash: true });
  });
});
