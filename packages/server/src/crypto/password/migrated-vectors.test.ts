/**
 * Known-answer tests for every migrated hash type, each vector produced by a tool independent of this
 * code: published test suites where one exists, else Python's hashlib / OpenSSL (commands noted). Each goes
 * through the whole path: parseMigratedHash (validate + canonicalise) then verifyStoredPassword.
 */
import { describe, expect, it } from 'vitest';
import { parseMigratedHash } from './parse-migrated-hash.js';
import type { MigrateHashInput } from './parse-migrated-hash.js';
import { verifyStoredPassword } from './verify-stored-password.js';

interface Vector {
  readonly password: string;
  readonly input: MigrateHashInput;
}

async function expectVector({ password, input }: Vector, wrong = `${password}x`): Promise<void> {
  const parsed = parseMigratedHash(input);
  if (!parsed.ok) throw new Error(`${parsed.error_type}: ${parsed.message}`);
  expect(parsed.stored.startsWith('$tessera-migrated$')).toBe(true);
  expect(await verifyStoredPassword(parsed.stored, password)).toEqual({ ok: true, needsRehash: true });
  expect(await verifyStoredPassword(parsed.stored, wrong)).toEqual({ ok: false, needsRehash: false });
}

const bcrypt = (password: string, hash: string): Vector => ({ password, input: { hash_type: 'bcrypt', hash } });

describe('bcrypt', () => {
  // pyca/bcrypt tests/test_bcrypt.py `_test_vectors` (ASCII ones; the byte-string ones are not UTF-8).
  it.each([
    bcrypt('Kk4DQuMMfZL9o', '$2b$04$cVWp4XaNU8a4v1uMRum2SO026BWLIoQMD/TXg5uZV.0P.uO8m3YEm'),
    bcrypt('9IeRXmnGxMYbs', '$2b$04$pQ7gRO7e6wx/936oXhNjrOUNOHL1D0h1N2IDbJZYs.1ppzSof6SPy'),
    bcrypt('xVQVbwa1S0M8r', '$2b$04$SQe9knOzepOVKoYXo9xTteNYr6MBwVz4tpriJVe3PNgYufGIsgKcW'),
    bcrypt('J8eHUDuxBB520', '$2b$04$VvlCUKbTMjaxaYJ.k5juoecpG/7IzcH1AkmqKi.lIZMVIOLClWAk.'),
  ])('pyca/bcrypt vector $input.hash', async (vector) => expectVector(vector));

  // Openwall crypt_blowfish wrapper.c vectors (also John the Ripper's BF_fmt.c), under each prefix.
  it.each([
    bcrypt('U*U', '$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW'),
    bcrypt('U*U*', '$2a$05$CCCCCCCCCCCCCCCCCCCCC.VGOzA784oUp/Z0DY336zx7pLYAy0lwK'),
    bcrypt('U*U*U', '$2a$05$XXXXXXXXXXXXXXXXXXXXXOAcXxm9kjPGEMsLznoKqmqw7tc8WCx4a'),
    bcrypt('U*U', '$2b$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW'),
    bcrypt('U*U', '$2y$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW'),
    bcrypt('U*U*U', '$2y$05$XXXXXXXXXXXXXXXXXXXXXOAcXxm9kjPGEMsLznoKqmqw7tc8WCx4a'),
    bcrypt('', '$2y$05$CCCCCCCCCCCCCCCCCCCCC.7uG0VCzI2bS7j6ymqJi9CdcdxiRTWNy'),
  ])('crypt_blowfish vector $input.hash', async (vector) => expectVector(vector));

  it('hashes UTF-8 (bcrypt_elixir/comeonin vector "ππππππππ")', async () => {
    await expectVector(bcrypt('ππππππππ', '$2a$10$.TtQJ4Jr6isd4Hp.mVfZeuh6Gws4rOQ/vdBczhDx.19NFK0Y84Dle'), 'pppppppp');
  });

  it('keeps bcrypt\'s 72-byte truncation for migrated hashes (crypt_blowfish vector)', async () => {
    const first72 = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    const vector = bcrypt(`${first72}chars after 72 are ignored`, '$2a$05$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui');
    await expectVector(vector, first72.slice(0, 71));
    const parsed = parseMigratedHash(vector.input);
    if (!parsed.ok) throw new Error(parsed.message);
    // The legacy system accepted any suffix after byte 72, so this does too (until the argon2id upgrade).
    expect(await verifyStoredPassword(parsed.stored, `${first72}something else entirely`)).toEqual({ ok: true, needsRehash: true });
  });
});

describe('phpass', () => {
  // phpass 0.3 test.php, and passlib's phpass_test.known_correct_hashes.
  it.each([
    ['test12345', '$P$9IQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0'],
    ['test1', '$H$9aaaaaSXBjgypwqm.JsMssPLiS8YQ00'],
    ['123456', '$H$9PE8jEklgZhgLmZl5.HYJAzfGCQtzi1'],
    ['123456', '$H$9pdx7dbOW3Nnt32sikrjAxYFjX8XoK1'],
    ['thisisalongertestPW', '$P$912345678LIjjb6PhecupozNBmDndU0'],
    ['JohnRipper', '$P$612345678si5M0DDyPpmRCmcltU/YW/'],
    // hashcat's example hashes for mode 400 (WordPress $P$ and phpBB3 $H$), password "hashcat".
    ['hashcat', '$P$984478476IagS59wHZvyQMArzfx58u.'],
    ['hashcat', '$H$984478476IagS59wHZvyQMArzfx58u.'],
    // FusionAuth's WordPress import examples: $P$B is WordPress's 2^13 rounds.
    ['123456', '$P$BVaXtDXwf/ceSVp8VpLKx8bS2Y4O5F/'],
    ['!?!#?#?#$&@&@!&@', '$P$Buvd5FQxkeXJnDarN7..wRMwRKJeZ40'],
  ])('%s -> %s', async (password, hash) => expectVector({ password, input: { hash_type: 'phpass', hash } }));

  it('hashes UTF-8 (craftfire commons vector)', async () => {
    await expectVector({ password: 'ąćęłóńśźż', input: { hash_type: 'phpass', hash: '$P$ByXWbzDvVAJ0jxvNp5sv4xYPIRXJJ1.' } }, 'acelonszz');
  });
});

describe('md_5, sha_1, sha_512', () => {
  // python3 -c "import hashlib; print(hashlib.md5(b'password').hexdigest())" and likewise; the salted
  // ones hash b'pre$' + b'hunter2' + b'::post'; base64 via `openssl dgst -sha512 -binary | base64`.
  it.each([
    ['md_5', 'password', '5f4dcc3b5aa765d61d8327deb882cf99', undefined],
    ['md_5', 'password', '5F4DCC3B5AA765D61D8327DEB882CF99', undefined],
    ['md_5', 'pässwörd🔑', '32483dcee539d1bf5ce55c27af7c18d5', undefined],
    ['md_5', 'hunter2', '0e23c97089fa4ef73dee42256572b16c', { prepend_salt: 'pre$', append_salt: '::post' }],
    ['md_5', 'hunter2', 'DiPJcIn6Tvc97kIlZXKxbA==', { prepend_salt: 'pre$', append_salt: '::post' }],
    ['md_5', 'hunter2', 'DiPJcIn6Tvc97kIlZXKxbA', { prepend_salt: 'pre$', append_salt: '::post' }],
    ['sha_1', 'password', '5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8', undefined],
    ['sha_1', 'pässwörd🔑', '5a2a05babbd7c9f1340911c27d257e546da9b6a7', null],
    ['sha_1', 'hunter2', '31d585b81008d621dc2036eac3d3cb7eaf67666a', { prepend_salt: 'pre$', append_salt: '::post' }],
    ['sha_1', 'hunter2', 'MdWFuBAI1iHcIDbqw9PLfq9nZmo=', { prepend_salt: 'pre$', append_salt: '::post' }],
    [
      'sha_512',
      'password',
      'b109f3bbbc244eb82441917ed06d618b9008dd09b3befd1b5e07394c706a8bb980b1d7785e5976ec049b46df5f1326af5a2ea6d103fd07c95385ffab0cacbc86',
      undefined,
    ],
    [
      'sha_512',
      'pässwörd🔑',
      'bd59a765c44958a92dfe87392ca64b4f402fe0a87d8e3c1fe65de0c56ffd29a67887cec7eab3e3659baf99eae9e36f0755e73f07f4d296f677ee5012dc2be25a',
      undefined,
    ],
    [
      'sha_512',
      'hunter2',
      'ed8bbd1891b5bf38b88c07747cc25dc5eee207e142f3d536455faf33f3c4de7e0905e206a60f60c339e2e019da12889f4c95276eed29564041d88edc859a40df',
      { prepend_salt: 'pre$', append_salt: '::post' },
    ],
    [
      'sha_512',
      'hunter2',
      '7Yu9GJG1vzi4jAd0fMJdxe7iB+FC89U2RV+vM/PE3n4JBeIGpg9gwzni4BnaEoifTJUnbu0pVkBB2I7chZpA3w==',
      { prepend_salt: 'pre$', append_salt: '::post' },
    ],
  ])('%s of %s given as %s', async (hashType, password, hash, config) => {
    const configField = `${hashType}_config`;
    await expectVector({ password, input: { hash_type: hashType, hash, [configField]: config } });
  });

  it('puts each salt on its own side of the password', async () => {
    const parsed = parseMigratedHash({ hash_type: 'md_5', hash: '0e23c97089fa4ef73dee42256572b16c', md_5_config: { prepend_salt: '::post', append_salt: 'pre$' } });
    if (!parsed.ok) throw new Error(parsed.message);
    expect((await verifyStoredPassword(parsed.stored, 'hunter2')).ok).toBe(false);
  });
});

describe('scrypt', () => {
  // RFC 7914 §12 test vectors, with salt and key base64-encoded.
  const rfc1 = {
    password: 'password',
    salt: 'TmFDbA==', // "NaCl"
    config: { n_parameter: 1024, r_parameter: 8, p_parameter: 16, key_length: 64 },
    key: '/bq+HJ00cgB4VucZDQHp/nxq18vII3gw53N2Y0s3MWIurzDZLiKjiG/xCSedmDDaxyevuUqD7m2DYMvfoswGQA==',
  };
  const rfc2 = {
    password: 'pleaseletmein',
    salt: 'U29kaXVtQ2hsb3JpZGU=', // "SodiumChloride"
    config: { n_parameter: 16384, r_parameter: 8, p_parameter: 1, key_length: 64 },
    key: 'cCO9yzr9c0hGHAbNgf046/2o+7qQT44+qbVD9lRdofLVQylVYT8Pz2LUlwUkKpr55h6F3A1lHkDfzwF7RVdYhw==',
  };

  it.each([rfc1, rfc2])('RFC 7914 vector for "$password", raw key + scrypt_config', async ({ password, salt, config, key }) => {
    await expectVector({ password, input: { hash_type: 'scrypt', hash: key, scrypt_config: { salt, ...config } } });
  });

  it('passlib\'s documented PHC example (also RustCrypto scrypt\'s test vector)', async () => {
    const phc = '$scrypt$ln=16,r=8,p=1$aM15713r3Xsvxbi31lqr1Q$nFNh2CVHVjNldFVKDHDlm4CbdRSCdEBsjjJxD+iCs5E';
    await expectVector({ password: 'password', input: { hash_type: 'scrypt', hash: phc } });
  });

  it('RFC 7914 vector as a PHC string, no config needed', async () => {
    const phc = '$scrypt$ln=14,r=8,p=1$U29kaXVtQ2hsb3JpZGU$cCO9yzr9c0hGHAbNgf046/2o+7qQT44+qbVD9lRdofLVQylVYT8Pz2LUlwUkKpr55h6F3A1lHkDfzwF7RVdYhw';
    await expectVector({ password: 'pleaseletmein', input: { hash_type: 'scrypt', hash: phc } });
    const parsed = parseMigratedHash({ hash_type: 'scrypt', hash: rfc2.key, scrypt_config: { salt: rfc2.salt, ...rfc2.config } });
    expect(parsed).toEqual({ ok: true, stored: `$tessera-migrated${phc}` });
  });
});

describe('pbkdf_2', () => {
  // RFC 7914 §11 (PBKDF2-HMAC-SHA256), then python3 hashlib.pbkdf2_hmac for SHA-512 and for UTF-8:
  //   hashlib.pbkdf2_hmac('sha512', b'correct horse', b'tessera-salt-01', 10000, 64)
  //   hashlib.pbkdf2_hmac('sha256', 'pässwörd🔑'.encode(), b'\x00\x01\x02\xfe\xff', 1000, 32)
  it.each([
    {
      password: 'passwd',
      config: { salt: 'c2FsdA==', iteration_amount: 1, key_length: 64, algorithm: 'sha256' },
      hash: 'VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLxJypzM8Xm2RZkWZLOdd+8xfHG4RbHjC9UJESBB06GXgw==',
    },
    {
      password: 'Password',
      config: { salt: 'TmFDbA==', iteration_amount: 80000, key_length: 64 }, // algorithm defaults to sha256
      hash: 'TdzY9guYviGDDO5e8icB+WQaRBjQTAQUrv8Ih2s0q1ah1CWhIlgzVJrbhBtRybMXaicr3ruh0HhHj2Kzl/M8jQ==',
    },
    {
      password: 'correct horse',
      config: { salt: 'dGVzc2VyYS1zYWx0LTAx', iteration_amount: 10000, key_length: 64, algorithm: 'sha512' },
      hash: 'RmRa2u999B/PMUALl7BXGRAt9I9JLRll7WGacUS1NBd+ShJsHwpEeIExHG+ZgUyl/vJg1VnXoNmReMZGdTMxsA==',
    },
    {
      password: 'pässwörd🔑',
      config: { salt: 'AAEC/v8=', iteration_amount: 1000, key_length: 32, algorithm: '' },
      hash: '/fWgbsdC2vLJ3sJYbxkXTeSL2Zvk4C7NlRmfSQeeb/I=',
    },
  ])('$password, $config.iteration_amount iterations', async ({ password, config, hash }) => {
    await expectVector({ password, input: { hash_type: 'pbkdf_2', hash, pbkdf_2_config: config } });
  });
});

describe('argon_2i, argon_2id', () => {
  // Argon2 reference implementation src/test.c: password "password", salt "somesalt", t=2, 32-byte output.
  it.each([
    ['argon_2id', '$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4'],
    ['argon_2id', '$argon2id$v=19$m=256,t=2,p=2$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc'],
    ['argon_2i', '$argon2i$v=19$m=256,t=2,p=1$c29tZXNhbHQ$iekCn0Y3spW+sCcFanM2xBT63UP2sghkUoHLIUpWRS8'],
    ['argon_2i', '$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA'],
    // Version 0x10 strings carry no v= field.
    ['argon_2i', '$argon2i$m=256,t=2,p=1$c29tZXNhbHQ$/U3YPXYsSb3q9XxHvc0MLxur+GP960kN9j7emXX8zwY'],
  ])('%s encoded %s', async (hashType, hash) => {
    await expectVector({ password: 'password', input: { hash_type: hashType, hash } });
  });

  // The same vectors in the "hex form": the raw output with argon_2_config, salt as the literal string.
  it.each([
    ['argon_2id', 1, '9dfeb910e80bad0311fee20f9c0e2b12c17987b4cac90c2ef54d5b3021c68bfe'],
    ['argon_2id', 2, '6d093c501fd5999645e0ea3bf620d7b8be7fd2db59c20d9fff9539da2bf57037'],
    ['argon_2i', 1, '89e9029f4637b295beb027056a7336c414fadd43f6b208645281cb214a56452f'],
  ])('%s hex form, p=%d', async (hashType, threads, hash) => {
    const argon_2_config = { salt: 'somesalt', iteration_amount: 2, memory: 256, threads, key_length: 32 };
    await expectVector({ password: 'password', input: { hash_type: hashType, hash, argon_2_config } });
  });

  it('stores the hex form as the same PHC string the reference produces', () => {
    const parsed = parseMigratedHash({
      hash_type: 'argon_2id',
      hash: '9dfeb910e80bad0311fee20f9c0e2b12c17987b4cac90c2ef54d5b3021c68bfe',
      argon_2_config: { salt: 'somesalt', iteration_amount: 2, memory: 256, threads: 1, key_length: 32 },
    });
    expect(parsed).toEqual({ ok: true, stored: '$tessera-migrated$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4' });
  });
});
