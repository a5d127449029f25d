import { checkPasswordStrength, hashPassword } from '../../crypto/password/index.js';
import type { PasswordRecord } from '../../store/records.js';
import { newId, type Env } from '@tessera/core';
import { ApiError } from '../errors.js';

/** Refuses a password below the strength policy (zxcvbn score >= 3) with the feedback in the message. */
export function assertStrongPassword(password: string, email?: string): void {
  const result = checkPasswordStrength(password, email ? { email } : {});
  if (!result.valid_password) {
    const hint = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(' ');
    throw new ApiError('weak_password', `Password does not meet the strength requirements.${hint ? ' ' + hint : ''}`, {
      feedback: result.feedback,
      score: result.score,
    });
  }
}

/** A new argon2id password record. */
export async function newPasswordRecord(env: Env, password: string): Promise<PasswordRecord> {
  return { password_id: newId('password', env), hash: await hashPassword(password), requires_reset: false };
}
