import { describe, expect, it } from 'vitest';
import { MAX_PASSWORD_LENGTH, MIN_VALID_SCORE, checkPasswordStrength } from './strength.js';

describe('checkPasswordStrength', () => {
  it.each(['password', 'qwerty123', 'Summer2024!', 'p@$$w0rd', 'abc'])('rejects the weak password %j with feedback', (password) => {
    const result = checkPasswordStrength(password);
    expect(result.valid_password).toBe(false);
    expect(result.score).toBeLessThan(MIN_VALID_SCORE);
    expect(result.feedback.warning.length + result.feedback.suggestions.length).toBeGreaterThan(0);
  });

  it.each(['tessera-Plum-Quartz-88-Violin', 'correct horse battery staple', 'vortigern xq7 plumb sextant'])('accepts the strong password %j', (password) => {
    const result = checkPasswordStrength(password);
    expect(result).toMatchObject({ valid_password: true, breached_password: false, strength_policy: 'zxcvbn', breach_detection_on_create: false });
    expect(result.score).toBeGreaterThanOrEqual(MIN_VALID_SCORE);
    expect(result.feedback.warning).toBe('');
    expect(result.feedback.suggestions).toEqual([]);
  });

  it('scores a password built from the user\'s email lower, with a personal-data warning', () => {
    for (const [password, email] of [
      ['Zephyrine.Quillfeather', 'zephyrine.quillfeather@example.com'],
      ['xq7-vortigern-plumb', 'xq7-vortigern-plumb@example.com'],
    ] as const) {
      const anonymous = checkPasswordStrength(password);
      const withEmail = checkPasswordStrength(password, { email });
      expect(anonymous.valid_password).toBe(true);
      expect(withEmail.score).toBeLessThan(anonymous.score);
      expect(withEmail.valid_password).toBe(false);
      expect(withEmail.feedback.warning).toMatch(/personal/);
    }
  });

  it('matches the pieces of the local part too, and ignores a blank email', () => {
    const email = 'Zephyrine.Quillfeather+tag@example.com';
    expect(checkPasswordStrength('quillfeatherzephyrine').valid_password).toBe(true);
    expect(checkPasswordStrength('quillfeatherzephyrine', { email }).valid_password).toBe(false);
    expect(checkPasswordStrength('Quillfeather!', { email }).score).toBeLessThan(checkPasswordStrength('Quillfeather!').score);
    expect(checkPasswordStrength('tessera-Plum-Quartz-88-Violin', { email: '   ' }).valid_password).toBe(true);
  });

  it('fills in LUDS informationally, without letting it decide validity', () => {
    expect(checkPasswordStrength('abc').feedback.luds_requirements).toEqual({
      has_lower_case: true,
      has_upper_case: false,
      has_digit: false,
      has_symbol: false,
      missing_complexity: 2,
      missing_characters: 5,
    });
    expect(checkPasswordStrength('Abcdef1!').feedback.luds_requirements).toEqual({
      has_lower_case: true,
      has_upper_case: true,
      has_digit: true,
      has_symbol: true,
      missing_complexity: 0,
      missing_characters: 0,
    });
    // Non-ASCII letters and spaces are symbols; length counts code points, not UTF-16 units.
    expect(checkPasswordStrength('ü🔑').feedback.luds_requirements).toMatchObject({ has_lower_case: false, has_symbol: true, missing_characters: 6 });
    // Fails LUDS (one class) but is valid under zxcvbn.
    const lowercaseOnly = checkPasswordStrength('vortigern plumb sextant quorum');
    expect(lowercaseOnly.feedback.luds_requirements.missing_complexity).toBe(1);
    expect(lowercaseOnly.valid_password).toBe(true);
    // Passes LUDS but is weak under zxcvbn.
    const ludsOnly = checkPasswordStrength('Password1!');
    expect(ludsOnly.feedback.luds_requirements.missing_complexity).toBe(0);
    expect(ludsOnly.valid_password).toBe(false);
  });

  it(`refuses passwords over ${MAX_PASSWORD_LENGTH} characters with a reason, counting code points`, () => {
    const strong = 'tessera-Plum-Quartz-88-Violin ';
    const atLimit = strong.repeat(9).slice(0, MAX_PASSWORD_LENGTH);
    expect(checkPasswordStrength(atLimit).valid_password).toBe(true);
    const tooLong = checkPasswordStrength(`${atLimit}x`);
    expect(tooLong.valid_password).toBe(false);
    expect(tooLong.feedback.warning).toBe(`Password must be at most ${MAX_PASSWORD_LENGTH} characters long.`);
    // 256 emoji are 512 UTF-16 units but 256 characters.
    expect(checkPasswordStrength('🔑'.repeat(MAX_PASSWORD_LENGTH)).feedback.warning).not.toContain('at most');
  });

  it('stays fast on long l33t-heavy input (zxcvbn only sees the first 64 characters)', () => {
    checkPasswordStrength('warm-up');
    const adversarial = '4@3$1!0|7+(){}[]<>%'.repeat(14).slice(0, MAX_PASSWORD_LENGTH);
    const started = performance.now();
    checkPasswordStrength(adversarial);
    // Untruncated, with zxcvbn's defaults, such input took over 5 s on the 2-core dev box; now well under 1 s.
    expect(performance.now() - started).toBeLessThan(1500);
  });
});
