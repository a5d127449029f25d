import { checkPasswordStrength, type StrengthResult } from '../../crypto/password/index.js';
import { normalizeEmail } from '../validate.js';

/** `passwords/strength_check` (consumer and B2B): the zxcvbn result, with the email address as a user input when given. */
export function passwordStrength(password: string, email: string | undefined): StrengthResult {
  return checkPasswordStrength(password, email ? { email: normalizeEmail(email) } : {});
}
