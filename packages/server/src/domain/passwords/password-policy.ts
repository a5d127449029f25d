import { checkPasswordStrength } from '../../crypto/password/index.js';
import type { PasswordRecord } from '../../store/records.js';
import { newId } from '@tessera/core';
import type { ProjectContext } from '../context.js';
import { ApiError } from '../errors.js';
import { hashNewPassword } from './password-work.js';

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

/** A new argon2id password record (hashed in the project's password queue). */
export async function newPasswordRecord(ctx: ProjectContext, password: string): Promise<PasswordRecord> {
  return { password_id: newId('password', ctx.project.env), hash: await hashNewPassword(ctx, password), requires_reset: false };
}
