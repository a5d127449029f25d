import { describe, expect, it } from 'vitest';
import { ARGON2ID_PARAMS, argon2idNeedsRehash, hashPassword, verifyArgon2 } from './argon2id.js';
import { MAX_PASSWORD_BYTES } from './internal/limits.js';

// Published vectors: the Argon2 reference implementation's src/test.c (P-H-C/phc-winner-argon2),
// password "password", salt "somesalt", 32-byte output.
const REF_ID_M256_P1 = '$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4';
const REF_ID_M256_P2 = '$argon2id$v=19$m=256,t=2,p=2$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc';
const REF_I_M256_P1 = '$argon2i$v=19$m=256,t=2,p=1$c29tZXNhbHQ$iekCn0Y3spW+sCcFanM2xBT63UP2sghkUoHLIUpWRS8';

describe('hashPassword', () => {
  it('produces an argon2id PHC string with the OWASP parameters, a 16-byte salt and a 32-byte hash', async () => {
    const phc = await hashPassword('correct horse battery staple');
    expect(phc).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(ARGON2ID_PARAMS).toMatchObject({ memoryCost: 19456, timeCost: 2, parallelism: 1 });
  });

  it('salts every hash, and the result verifies only with the same password', async () => {
    const [a, b] = await Promise.all([hashPassword('hunter2 hunter2'), hashPassword('hunter2 hunter2')]);
    expect(a).not.toBe(b);
    expect(await verifyArgon2(a, 'hunter2 hunter2')).toBe(true);
    expect(await verifyArgon2(a, 'hunter2 hunter3')).toBe(false);
    expect(await verifyArgon2(a, '')).toBe(false);
  });

  it('hashes non-ASCII passwords as UTF-8', async () => {
    const phc = await hashPassword('pässwörd 🔑');
    expect(await verifyArgon2(phc, 'pässwörd 🔑')).toBe(true);
    expect(await verifyArgon2(phc, 'passwörd 🔑')).toBe(false);
  });

  it('refuses a password above MAX_PASSWORD_BYTES as a caller bug', async () => {
    expect(() => hashPassword('x'.repeat(MAX_PASSWORD_BYTES + 1))).toThrow(RangeError);
    expect(() => hashPassword('é'.repeat(MAX_PASSWORD_BYTES / 2 + 1))).toThrow(RangeError);
  });
});

describe('verifyArgon2', () => {
  it('verifies the reference implementation vectors', async () => {
    expect(await verifyArgon2(REF_ID_M256_P1, 'password')).toBe(true);
    expect(await verifyArgon2(REF_ID_M256_P2, 'password')).toBe(true);
    expect(await verifyArgon2(REF_I_M256_P1, 'password')).toBe(true);
    expect(await verifyArgon2(REF_ID_M256_P1, 'passwore')).toBe(false);
    // test.c's own mismatch case: this is the encoding of "passwore".
    expect(await verifyArgon2('$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$8iIuixkI73Js3G1uMbezQXD0b8LG4SXGsOwoQkdAQIM', 'password')).toBe(false);
  });

  it.each([
    ['empty', ''],
    ['not PHC', 'password'],
    ['prefix only', '$argon2id$'],
    ['missing $ before the hash (test.c)', '$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQwWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA'],
    ['missing $ before the salt (test.c)', '$argon2i$v=19$m=65536,t=2,p=1c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA'],
    ['empty salt (test.c)', '$argon2i$v=19$m=65536,t=2,p=1$$9sTbSlTio3Biev89thdrlKKiCaYsjjYVJxGAL3swxpQ'],
    ['truncated hash', REF_ID_M256_P1.slice(0, -10)],
    ['non-base64 hash', REF_ID_M256_P1.slice(0, -4) + '!!!!'],
    ['memory above the cap (4 GiB)', '$argon2id$v=19$m=4194304,t=1,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4'],
    ['passes above the cap', '$argon2id$v=19$m=256,t=1000,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4'],
    ['lanes above the cap', '$argon2id$v=19$m=8192,t=1,p=255$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4'],
    ['over-long string', REF_ID_M256_P1 + 'A'.repeat(10_000)],
  ])('answers false without throwing for %s', async (_name, phc) => {
    expect(verifyArgon2(phc, 'password')).toBe(false);
  });

  it('answers false for non-string input and over-long passwords', async () => {
    expect(verifyArgon2(undefined as unknown as string, 'password')).toBe(false);
    expect(verifyArgon2(REF_ID_M256_P1, null as unknown as string)).toBe(false);
    expect(verifyArgon2(REF_ID_M256_P1, 'x'.repeat(MAX_PASSWORD_BYTES + 1))).toBe(false);
  });
});

describe('argon2idNeedsRehash', () => {
  it('is false for a hash made with the current parameters, or stronger ones', async () => {
    expect(argon2idNeedsRehash(await hashPassword('current'))).toBe(false);
    const stronger = '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$' + 'A'.repeat(43);
    expect(argon2idNeedsRehash(stronger)).toBe(false);
  });

  it('is true when memory, passes, output, salt, variant or version is weaker', () => {
    const salt16 = 'c29tZXNhbHRzb21lc2FsdA'; // 16 bytes
    const out32 = 'A'.repeat(43);
    expect(argon2idNeedsRehash(REF_ID_M256_P1)).toBe(true); // m=256, 8-byte salt
    expect(argon2idNeedsRehash(`$argon2id$v=19$m=19455,t=2,p=1$${salt16}$${out32}`)).toBe(true);
    expect(argon2idNeedsRehash(`$argon2id$v=19$m=19456,t=1,p=1$${salt16}$${out32}`)).toBe(true);
    expect(argon2idNeedsRehash(`$argon2id$v=19$m=19456,t=2,p=1$${salt16}$${'A'.repeat(22)}`)).toBe(true);
    expect(argon2idNeedsRehash(`$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$${out32}`)).toBe(true);
    expect(argon2idNeedsRehash(`$argon2i$v=19$m=19456,t=2,p=1$${salt16}$${out32}`)).toBe(true);
    expect(argon2idNeedsRehash(`$argon2id$v=16$m=19456,t=2,p=1$${salt16}$${out32}`)).toBe(true);
    expect(argon2idNeedsRehash(`$argon2id$v=19$m=19456,t=2,p=1$${salt16}$${out32}`)).toBe(false);
  });

  it('is true for anything it cannot parse', () => {
    expect(argon2idNeedsRehash('garbage')).toBe(true);
  });
});
