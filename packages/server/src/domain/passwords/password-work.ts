/**
 * The domain's door to the password worker pool (`Deps.passwordPool`): every hash and verification of a
 * project's password goes through here, queued under that project. A full queue is 429
 * `too_many_requests`; nothing else about the pool reaches the domain.
 *
 * @module
 */
import { PasswordQueueFullError, type VerifyOutcome } from '../../crypto/password/index.js';
import type { ProjectContext } from '../context.js';
import { ApiError } from '../errors.js';

/** A new argon2id hash of `password`. */
export function hashNewPassword(ctx: ProjectContext, password: string): Promise<string> {
  return refuseWhenFull(ctx.passwordPool.hash(ctx.project.project_id, password));
}

/** Checks `password` against a stored hash; `rehashed` is the upgraded hash to store when one is due. */
export function verifyPassword(ctx: ProjectContext, stored: string, password: string): Promise<VerifyOutcome> {
  return refuseWhenFull(ctx.passwordPool.verify(ctx.project.project_id, stored, password));
}

/**
 * For an account that does not exist: the same verification work as a wrong password (against a dummy
 * argon2id hash with the real parameters), so that "no such account" and "wrong password" take the same
 * time. Call it before answering the not-found error.
 */
export function verifyAgainstDummy(ctx: ProjectContext, password: string): Promise<void> {
  return refuseWhenFull(ctx.passwordPool.verifyDummy(ctx.project.project_id, password));
}

async function refuseWhenFull<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof PasswordQueueFullError) throw new ApiError('too_many_requests');
    throw error;
  }
}
