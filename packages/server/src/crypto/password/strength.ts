/**
 * `checkPasswordStrength(password, { email })`: the body of `POST /v1/passwords/strength_check`, and the
 * gate for every new password. Policy is Stytch's default, zxcvbn: a score of 3 or more is valid. The
 * LUDS fields (length >= 8 and 3 of lower/upper/digit/symbol) are filled in for the client's benefit but do
 * not decide validity. There is no breach detection, so `breached_password` is always false.
 *
 * Cost: zxcvbn's matching grows super-linearly with length, and its l33t matcher multiplies that by the
 * number of substitution variants it tries. Measured on the 2-core box, a 64-character l33t-heavy string
 * took up to 1.4 s with the library defaults (256 characters, 100 variants) and under 0.2 s with 64
 * characters and 10 variants, which still scores every common l33t password we tried the same (`p@$$w0rd`,
 * `m0nk3y!`, `ch@ng3m3`, ...). Levenshtein matching stays off for the same reason (~0.3 s per check).
 * So zxcvbn sees only the first `ZXCVBN_MAX_CHARS` characters: 64 characters of anything not in a
 * dictionary are far past score 3, and a long password that *is* weak is weak in its first 64 characters
 * too (repeats, words, sequences).
 *
 * @module
 */
import { createRequire } from 'node:module';
import type { LUDSRequirements } from '@tessera/core';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';

/**
 * Longest accepted new password, in characters (code points). Longer ones are refused with a reason rather
 * than truncated, so what the user typed is exactly what is hashed. 256 is far beyond any passphrase or
 * password-manager output, and it bounds the UTF-8 size at 1 KiB, well inside `MAX_PASSWORD_BYTES`.
 */
export const MAX_PASSWORD_LENGTH = 256;

/** Stytch's default zxcvbn policy: scores 3 and 4 are valid. */
export const MIN_VALID_SCORE = 3;

const ZXCVBN_MAX_CHARS = 64;
const ZXCVBN_L33T_VARIANTS = 10;
const LUDS_MIN_LENGTH = 8;
const LUDS_MIN_CLASSES = 3;

/** Stytch's LUDS feedback fields, as the SDKs type them. */
export type LudsRequirements = LUDSRequirements;

export interface StrengthResult {
  valid_password: boolean;
  score: number;
  breached_password: false;
  strength_policy: 'zxcvbn';
  breach_detection_on_create: false;
  feedback: { warning: string; suggestions: string[]; luds_requirements: LudsRequirements };
}

/**
 * @example
 * const result = checkPasswordStrength(password, { email });
 * if (!result.valid_password) return errorResponse('weak_password', result.feedback.warning);
 */
export function checkPasswordStrength(password: string, opts: { email?: string } = {}): StrengthResult {
  const chars = Array.from(password);
  const tooLong = chars.length > MAX_PASSWORD_LENGTH;
  const result = zxcvbn().check(chars.slice(0, ZXCVBN_MAX_CHARS).join(''), userInputs(opts.email));
  return {
    valid_password: !tooLong && result.score >= MIN_VALID_SCORE,
    score: result.score,
    breached_password: false,
    strength_policy: 'zxcvbn',
    breach_detection_on_create: false,
    feedback: {
      warning: tooLong ? `Password must be at most ${MAX_PASSWORD_LENGTH} characters long.` : (result.feedback.warning ?? ''),
      suggestions: [...result.feedback.suggestions],
      luds_requirements: ludsRequirements(chars),
    },
  };
}

let checker: ZxcvbnFactory | undefined;

/**
 * The dictionaries are megabytes of word lists; ranked, they hold about 22 MB of heap, and building them
 * takes ~0.5 s of this thread. So they are built on the first check, once per process, not at start-up: a
 * server that only authenticates sessions (most of them, most of the time) never holds them, and the one
 * pause lands on the first new password, not on every start. `require` keeps that lazy while the check itself
 * stays synchronous; both language packages ship CommonJS builds.
 */
function zxcvbn(): ZxcvbnFactory {
  if (checker !== undefined) return checker;
  const require = createRequire(import.meta.url);
  const common = require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
  const en = require('@zxcvbn-ts/language-en') as typeof import('@zxcvbn-ts/language-en');
  checker = new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
    l33tMaxSubstitutions: ZXCVBN_L33T_VARIANTS,
    // We slice by code point first; this only stops zxcvbn from cutting that slice again mid-surrogate.
    maxLength: 2 * ZXCVBN_MAX_CHARS,
  });
  return checker;
}

/**
 * The email, its local part and the local part's pieces (`jane.doe+x` gives `jane`, `doe`), so a password
 * built from the user's own address is matched as a known word and scores low.
 */
function userInputs(email: string | undefined): string[] {
  if (typeof email !== 'string' || email.trim() === '') return [];
  const address = email.trim().toLowerCase();
  const local = address.split('@')[0] ?? '';
  const pieces = local.split(/[._+-]+/).filter((piece) => piece.length >= 3);
  return [...new Set([address, local, ...pieces].filter((input) => input.length > 0))];
}

/**
 * LUDS as Stytch reports it. A symbol is any character that is not an ASCII letter or digit, so spaces,
 * punctuation and non-ASCII letters count (Stytch: "any UTF8 character outside of a-z or A-Z"; we leave
 * digits to `has_digit`).
 */
function ludsRequirements(chars: readonly string[]): LudsRequirements {
  const has = (pattern: RegExp): boolean => chars.some((char) => pattern.test(char));
  const classes = {
    has_lower_case: has(/[a-z]/),
    has_upper_case: has(/[A-Z]/),
    has_digit: has(/[0-9]/),
    has_symbol: has(/[^a-zA-Z0-9]/),
  };
  const present = Object.values(classes).filter(Boolean).length;
  return {
    ...classes,
    missing_complexity: Math.max(0, LUDS_MIN_CLASSES - present),
    missing_characters: Math.max(0, LUDS_MIN_LENGTH - chars.length),
  };
}
