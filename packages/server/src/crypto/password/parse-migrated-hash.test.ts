import { describe, expect, it } from 'vitest';
import { MIGRATED_HASH_TYPES, parseMigratedHash } from './parse-migrated-hash.js';
import type { MigrateHashInput } from './parse-migrated-hash.js';

// Valid baselines (vectors from migrated-vectors.test.ts); each negative case breaks one thing.
const BCRYPT = '$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW';
const PHPASS = '$P$9IQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0';
const MD5_HEX = '5f4dcc3b5aa765d61d8327deb882cf99';
const KEY_64_B64 = 'cCO9yzr9c0hGHAbNgf046/2o+7qQT44+qbVD9lRdofLVQylVYT8Pz2LUlwUkKpr55h6F3A1lHkDfzwF7RVdYhw==';
const SCRYPT_CONFIG = { salt: 'U29kaXVtQ2hsb3JpZGU=', n_parameter: 16384, r_parameter: 8, p_parameter: 1, key_length: 64 };
const PBKDF2_CONFIG = { salt: 'TmFDbA==', iteration_amount: 80000, key_length: 64, algorithm: 'sha256' };
const ARGON_HEX = '9dfeb910e80bad0311fee20f9c0e2b12c17987b4cac90c2ef54d5b3021c68bfe';
const ARGON_CONFIG = { salt: 'somesalt', iteration_amount: 2, memory: 256, threads: 1, key_length: 32 };
const ARGON_SALT_AND_HASH = '$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4';

function expectRejected(input: MigrateHashInput, errorType: 'invalid_hash_type' | 'invalid_password_hash', fragment: string): void {
  const result = parseMigratedHash(input);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error_type).toBe(errorType);
  expect(result.message).toContain(fragment);
}

describe('parseMigratedHash: hash_type and hash', () => {
  it.each([
    ['missing', undefined],
    ['null', null],
    ['a number', 5],
    ['an unknown name', 'sha_256'],
    ['another spelling', 'md5'],
    ['another case', 'BCRYPT'],
    ['argon2d, which Stytch does not take', 'argon_2d'],
  ])('rejects a hash_type that is %s as invalid_hash_type', (_name, hashType) => {
    expectRejected({ hash_type: hashType, hash: BCRYPT }, 'invalid_hash_type', 'hash_type must be one of');
  });

  it('accepts every documented hash_type name', () => {
    expect(MIGRATED_HASH_TYPES).toEqual(['bcrypt', 'md_5', 'argon_2i', 'argon_2id', 'sha_1', 'sha_512', 'scrypt', 'phpass', 'pbkdf_2']);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['not a string', 12345],
    ['longer than 4096 characters', 'a'.repeat(4097)],
  ])('rejects a hash that is %s as invalid_password_hash', (_name, hash) => {
    expectRejected({ hash_type: 'md_5', hash }, 'invalid_password_hash', 'hash must be a non-empty string');
  });
});

describe('parseMigratedHash: bcrypt', () => {
  it.each([
    ['the buggy $2x$ prefix', BCRYPT.replace('$2a$', '$2x$'), 'must be a bcrypt string'],
    ['the bare $2$ prefix', BCRYPT.replace('$2a$', '$2$'), 'must be a bcrypt string'],
    ['a truncated string', BCRYPT.slice(0, -1), 'must be a bcrypt string'],
    ['a character outside the alphabet', BCRYPT.replace('E5Y', 'E+Y'), 'must be a bcrypt string'],
    ['a one-digit cost', BCRYPT.replace('$05$', '$5$'), 'must be a bcrypt string'],
    ['cost 3', BCRYPT.replace('$05$', '$03$'), 'cost must be between 4 and 13'],
    ['cost 14 (DoS cap: Symfony\'s 13 is the highest common default)', BCRYPT.replace('$05$', '$14$'), 'cost must be between 4 and 13'],
    ['cost 31', BCRYPT.replace('$05$', '$31$'), 'cost must be between 4 and 13'],
    ['spare salt bits set', BCRYPT.replace('CCCCC.E5', 'CCCCC/E5'), 'salt is not canonically encoded'],
    ['spare hash bits set', BCRYPT.replace(/W$/, 'X'), 'hash is not canonically encoded'],
  ])('rejects %s', (_name, hash, fragment) => {
    expectRejected({ hash_type: 'bcrypt', hash }, 'invalid_password_hash', fragment);
  });

  it('accepts cost 13 (Symfony\'s default), the cap', () => {
    expect(parseMigratedHash({ hash_type: 'bcrypt', hash: BCRYPT.replace('$05$', '$13$') }).ok).toBe(true);
  });

  it('stores a valid hash unchanged inside the envelope, ignoring unrelated configs', () => {
    expect(parseMigratedHash({ hash_type: 'bcrypt', hash: BCRYPT, md_5_config: 'ignored' })).toEqual({ ok: true, stored: `$tessera-migrated${BCRYPT}` });
  });
});

describe('parseMigratedHash: phpass', () => {
  it.each([
    ['another prefix', PHPASS.replace('$P$', '$Q$'), 'must be a phpass portable hash'],
    ['a wrong length', `${PHPASS}0`, 'must be a phpass portable hash'],
    ['a character outside itoa64', PHPASS.replace('IQR', 'I+R'), 'must be a phpass portable hash'],
    ['2^6 rounds', PHPASS.replace('$P$9', '$P$4'), 'round count must be between 2^7 and 2^16'],
    ['2^17 rounds (DoS cap)', PHPASS.replace('$P$9', '$P$F'), 'round count must be between 2^7 and 2^16'],
    ['2^30 rounds', PHPASS.replace('$P$9', '$P$S'), 'round count must be between 2^7 and 2^16'],
    ['spare bits in the last character', PHPASS.replace(/0$/, '2'), 'not canonically encoded'],
  ])('rejects %s', (_name, hash, fragment) => {
    expectRejected({ hash_type: 'phpass', hash }, 'invalid_password_hash', fragment);
  });
});

describe('parseMigratedHash: md_5, sha_1, sha_512', () => {
  it.each([
    ['hex one character short', { hash_type: 'md_5', hash: MD5_HEX.slice(0, -1) }, '16-byte md5 digest'],
    ['neither hex nor base64', { hash_type: 'md_5', hash: 'z'.repeat(32) }, '16-byte md5 digest'],
    ['an md5 digest for sha_1', { hash_type: 'sha_1', hash: MD5_HEX }, '20-byte sha1 digest'],
    ['a sha1 digest for sha_512', { hash_type: 'sha_512', hash: '5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8' }, '64-byte sha512 digest'],
    ['base64 with wrong padding', { hash_type: 'md_5', hash: 'DiPJcIn6Tvc97kIlZXKxbA=' }, '16-byte md5 digest'],
    ['base64 with non-zero spare bits', { hash_type: 'md_5', hash: 'DiPJcIn6Tvc97kIlZXKxbB' }, '16-byte md5 digest'],
    ['a config that is a string', { hash_type: 'md_5', hash: MD5_HEX, md_5_config: 'salt' }, 'md_5_config must be an object'],
    ['a config that is an array', { hash_type: 'sha_1', hash: MD5_HEX, sha_1_config: ['a', 'b'] }, 'sha_1_config must be an object'],
    ['append_salt missing', { hash_type: 'md_5', hash: MD5_HEX, md_5_config: { prepend_salt: 'x' } }, 'md_5_config.append_salt must be a string'],
    ['prepend_salt a number', { hash_type: 'sha_512', hash: MD5_HEX, sha_512_config: { prepend_salt: 1, append_salt: '' } }, 'sha_512_config.prepend_salt must be a string'],
    ['a salt over 1 KiB', { hash_type: 'md_5', hash: MD5_HEX, md_5_config: { prepend_salt: 'é'.repeat(513), append_salt: '' } }, 'at most 1024 bytes'],
  ])('rejects %s', (_name, input, fragment) => {
    expectRejected(input, 'invalid_password_hash', fragment);
  });

  it('treats a missing or null config as no salt, and stores the digest as lowercase hex', () => {
    const stored = '$tessera-migrated$md5$pre=,app=$5f4dcc3b5aa765d61d8327deb882cf99';
    expect(parseMigratedHash({ hash_type: 'md_5', hash: MD5_HEX.toUpperCase() })).toEqual({ ok: true, stored });
    expect(parseMigratedHash({ hash_type: 'md_5', hash: MD5_HEX, md_5_config: null })).toEqual({ ok: true, stored });
    expect(parseMigratedHash({ hash_type: 'md_5', hash: 'X03MO1qnZdYdgyfeuILPmQ==' })).toEqual({ ok: true, stored });
  });

  it('encodes salts so that $ and , cannot break the stored format', () => {
    const result = parseMigratedHash({ hash_type: 'sha_1', hash: '5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8', sha_1_config: { prepend_salt: '$,=', append_salt: 'é' } });
    expect(result).toEqual({ ok: true, stored: '$tessera-migrated$sha1$pre=JCw9,app=w6k$5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8' });
  });
});

describe('parseMigratedHash: scrypt', () => {
  const scrypt = (config: Record<string, unknown> | undefined, hash = KEY_64_B64): MigrateHashInput => ({ hash_type: 'scrypt', hash, scrypt_config: config });

  it.each([
    ['no config and no PHC string', scrypt(undefined), 'scrypt_config is required'],
    ['N not a power of two', scrypt({ ...SCRYPT_CONFIG, n_parameter: 1000 }), 'must be a power of two'],
    ['N = 1', scrypt({ ...SCRYPT_CONFIG, n_parameter: 1 }), 'n_parameter must be between 2 and 262144'],
    ['N = 2^19 (above Stytch\'s 262144)', scrypt({ ...SCRYPT_CONFIG, n_parameter: 524288 }), 'n_parameter must be between 2 and 262144'],
    ['N as a string', scrypt({ ...SCRYPT_CONFIG, n_parameter: '16384' }), 'n_parameter must be an integer'],
    ['N as a float', scrypt({ ...SCRYPT_CONFIG, n_parameter: 16384.5 }), 'n_parameter must be an integer'],
    ['r = 0', scrypt({ ...SCRYPT_CONFIG, r_parameter: 0 }), 'r_parameter must be between 1 and 32'],
    ['r = 33', scrypt({ ...SCRYPT_CONFIG, r_parameter: 33 }), 'r_parameter must be between 1 and 32'],
    ['p = 17', scrypt({ ...SCRYPT_CONFIG, p_parameter: 17 }), 'p_parameter must be between 1 and 16'],
    ['p missing', scrypt({ ...SCRYPT_CONFIG, p_parameter: undefined }), 'p_parameter must be an integer'],
    ['memory over 256 MiB (N=2^18, r=16)', scrypt({ ...SCRYPT_CONFIG, n_parameter: 262144, r_parameter: 16 }), 'memory'],
    ['work over 2^21 (N=2^17, r=8, p=4)', scrypt({ ...SCRYPT_CONFIG, n_parameter: 131072, p_parameter: 4 }), 'work (N*r*p)'],
    ['key_length not matching the hash', scrypt({ ...SCRYPT_CONFIG, key_length: 32 }), 'key_length is 32 but the hash decodes to 64 bytes'],
    ['key_length below 16', scrypt({ ...SCRYPT_CONFIG, key_length: 8 }), 'key_length must be between 16 and 512'],
    ['a salt that is not base64', scrypt({ ...SCRYPT_CONFIG, salt: 'not base64!' }), 'scrypt_config.salt must be base64'],
    ['an empty salt', scrypt({ ...SCRYPT_CONFIG, salt: '' }), 'salt must be 1 to 1024 bytes'],
    ['salt missing', scrypt({ ...SCRYPT_CONFIG, salt: undefined }), 'scrypt_config.salt must be a string'],
    ['a hash that is not base64', scrypt(SCRYPT_CONFIG, 'ab$cd'), 'base64-encoded scrypt key'],
    ['a hex hash', scrypt(SCRYPT_CONFIG, 'ab'.repeat(64)), 'key_length is 64 but the hash decodes to 96 bytes'],
  ])('rejects %s', (_name, input, fragment) => {
    expectRejected(input, 'invalid_password_hash', fragment);
  });

  it.each([
    ['a missing parameter', '$scrypt$ln=14,r=8$U29kaXVtQ2hsb3JpZGU$' + KEY_64_B64, 'scrypt PHC string must be'],
    ['parameters out of order', '$scrypt$r=8,ln=14,p=1$U29kaXVtQ2hsb3JpZGU$' + KEY_64_B64, 'scrypt PHC string must be'],
    ['ln = 19', '$scrypt$ln=19,r=8,p=1$U29kaXVtQ2hsb3JpZGU$' + KEY_64_B64, 'power of two between 2 and 2^18'],
    ['ln = 0', '$scrypt$ln=0,r=8,p=1$U29kaXVtQ2hsb3JpZGU$' + KEY_64_B64, 'power of two between 2 and 2^18'],
    ['a salt that is not base64', '$scrypt$ln=14,r=8,p=1$U29k*XVt$' + KEY_64_B64, 'scrypt PHC salt must be base64'],
    ['a key under 16 bytes', '$scrypt$ln=14,r=8,p=1$U29kaXVtQ2hsb3JpZGU$AAAAAAAAAAA', 'key must be 16 to 512 bytes'],
  ])('rejects a PHC string with %s', (_name, hash, fragment) => {
    expectRejected({ hash_type: 'scrypt', hash }, 'invalid_password_hash', fragment);
  });
});

describe('parseMigratedHash: pbkdf_2', () => {
  const pbkdf2 = (config: unknown, hash = KEY_64_B64): MigrateHashInput => ({ hash_type: 'pbkdf_2', hash, pbkdf_2_config: config });

  it.each([
    ['no config', pbkdf2(undefined), 'pbkdf_2_config is required'],
    ['a null config', pbkdf2(null), 'pbkdf_2_config is required'],
    ['0 iterations', pbkdf2({ ...PBKDF2_CONFIG, iteration_amount: 0 }), 'iteration_amount must be between 1 and 2000000'],
    ['over 2,000,000 SHA-256 iterations (DoS cap)', pbkdf2({ ...PBKDF2_CONFIG, iteration_amount: 2_000_001 }), 'iteration_amount must be between 1 and 2000000'],
    ['10,000,000 iterations (the old cap)', pbkdf2({ ...PBKDF2_CONFIG, iteration_amount: 10_000_000 }), 'iteration_amount must be between 1 and 2000000'],
    ['over 1,000,000 SHA-512 iterations', pbkdf2({ ...PBKDF2_CONFIG, algorithm: 'sha512', iteration_amount: 1_000_001 }), 'iteration_amount must be between 1 and 1000000'],
    // A 64-byte SHA-256 key is two full runs of the iterations.
    ['iterations x key blocks over the cap', pbkdf2({ ...PBKDF2_CONFIG, iteration_amount: 1_000_001 }), 'iterations x 32-byte blocks of key must be at most 2000000'],
    ['iterations as a string', pbkdf2({ ...PBKDF2_CONFIG, iteration_amount: '80000' }), 'iteration_amount must be an integer'],
    ['an unsupported algorithm', pbkdf2({ ...PBKDF2_CONFIG, algorithm: 'sha1' }), 'algorithm must be "sha256" or "sha512"'],
    ['an algorithm that is not a string', pbkdf2({ ...PBKDF2_CONFIG, algorithm: 256 }), 'algorithm must be "sha256" or "sha512"'],
    ['key_length not matching the hash', pbkdf2({ ...PBKDF2_CONFIG, key_length: 65 }), 'key_length is 65 but the hash decodes to 64 bytes'],
    ['key_length over 512', pbkdf2({ ...PBKDF2_CONFIG, key_length: 513 }), 'key_length must be between 16 and 512'],
    ['salt missing', pbkdf2({ ...PBKDF2_CONFIG, salt: undefined }), 'pbkdf_2_config.salt must be a string'],
    ['a salt that is not base64', pbkdf2({ ...PBKDF2_CONFIG, salt: 'Na Cl' }), 'pbkdf_2_config.salt must be base64'],
    ['a hash that is not base64', pbkdf2(PBKDF2_CONFIG, '%%%%'), 'base64-encoded PBKDF2 key'],
  ])('rejects %s', (_name, input, fragment) => {
    expectRejected(input, 'invalid_password_hash', fragment);
  });

  it('accepts the costs real systems use: Django 6.0 (1,200,000 SHA-256), the caps themselves, OWASP SHA-512', () => {
    const key32 = Buffer.alloc(32, 1).toString('base64');
    for (const [algorithm, iteration_amount, key_length, hash] of [
      ['sha256', 1_200_000, 32, key32],
      ['sha256', 2_000_000, 32, key32],
      ['sha256', 1_000_000, 64, KEY_64_B64],
      ['sha512', 210_000, 64, KEY_64_B64],
      ['sha512', 1_000_000, 64, KEY_64_B64],
    ] as const) {
      expect(parseMigratedHash(pbkdf2({ ...PBKDF2_CONFIG, algorithm, iteration_amount, key_length }, hash)).ok).toBe(true);
    }
  });
});

describe('parseMigratedHash: argon_2i, argon_2id', () => {
  const hexForm = (config: unknown, hash = ARGON_HEX, hashType = 'argon_2id'): MigrateHashInput => ({ hash_type: hashType, hash, argon_2_config: config });

  it.each([
    ['no config', hexForm(undefined), 'argon_2_config is required'],
    ['a hash that is base64, not hex', hexForm(ARGON_CONFIG, 'nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4'), 'hex-encoded argon2 output'],
    ['an odd-length hex hash', hexForm(ARGON_CONFIG, ARGON_HEX.slice(0, -1)), 'hex-encoded argon2 output'],
    ['key_length not matching the hash', hexForm({ ...ARGON_CONFIG, key_length: 16 }), 'key_length is 16 but the hash decodes to 32 bytes'],
    ['a salt under 8 bytes', hexForm({ ...ARGON_CONFIG, salt: 'short' }), 'salt must be 8 to 1024 bytes'],
    ['memory 0', hexForm({ ...ARGON_CONFIG, memory: 0 }), 'memory must be between 8 and 262144'],
    ['memory 1 GiB (DoS cap)', hexForm({ ...ARGON_CONFIG, memory: 1_048_576 }), 'memory must be between 8 and 262144'],
    ['0 threads', hexForm({ ...ARGON_CONFIG, threads: 0 }), 'threads must be between 1 and 16'],
    ['17 threads', hexForm({ ...ARGON_CONFIG, threads: 17 }), 'threads must be between 1 and 16'],
    ['less than 8 KiB per lane', hexForm({ ...ARGON_CONFIG, memory: 8, threads: 2 }), 'memory must be between 8*parallelism'],
    ['iteration_amount missing', hexForm({ ...ARGON_CONFIG, iteration_amount: undefined }), 'iteration_amount must be an integer'],
    ['17 iterations', hexForm({ ...ARGON_CONFIG, iteration_amount: 17 }), 'iteration_amount must be between 1 and 16'],
    ['memory x iterations over 2^20 KiB', hexForm({ ...ARGON_CONFIG, memory: 262_144, iteration_amount: 5 }), 'memory x iterations'],
  ])('rejects the hex form with %s', (_name, input, fragment) => {
    expectRejected(input, 'invalid_password_hash', fragment);
  });

  it.each([
    ['a variant that does not match hash_type', 'argon_2i', `$argon2id$v=19$m=256,t=2,p=1${ARGON_SALT_AND_HASH}`, 'hash_type names argon2i'],
    ['argon2d', 'argon_2id', `$argon2d$v=19$m=256,t=2,p=1${ARGON_SALT_AND_HASH}`, 'argon2 encoded hash must be'],
    ['an unknown version', 'argon_2id', `$argon2id$v=20$m=256,t=2,p=1${ARGON_SALT_AND_HASH}`, 'argon2 encoded hash must be'],
    ['keyid/data parameters', 'argon_2id', `$argon2id$v=19$m=256,t=2,p=1,data=YWJj${ARGON_SALT_AND_HASH}`, 'argon2 encoded hash must be'],
    ['memory over the cap', 'argon_2id', `$argon2id$v=19$m=524288,t=1,p=1${ARGON_SALT_AND_HASH}`, 'memory must be between'],
    ['17 passes', 'argon_2id', `$argon2id$v=19$m=256,t=17,p=1${ARGON_SALT_AND_HASH}`, 'iterations must be between 1 and 16'],
    ['a salt under 8 bytes', 'argon_2id', '$argon2id$v=19$m=256,t=2,p=1$c2FsdA$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4', 'salt must be 8 to 1024 bytes'],
    ['a salt that is not base64', 'argon_2id', '$argon2id$v=19$m=256,t=2,p=1$c29t*XNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4', 'argon2 salt must be base64'],
    ['a missing field', 'argon_2id', '$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ', 'argon2 encoded hash must be'],
  ])('rejects an encoded string with %s', (_name, hashType, hash, fragment) => {
    expectRejected({ hash_type: hashType, hash }, 'invalid_password_hash', fragment);
  });
});
