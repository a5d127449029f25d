/**
 * The messages between `PasswordPool` (main thread) and a password worker (`worker.ts`). Plain data
 * only: they cross the thread boundary by structured clone.
 *
 * @module
 */

/** One unit of password work. `verify` also computes the upgraded hash when the password matched a hash
 * that needs one, in the same job, so a successful login never queues twice. */
export type PasswordJob =
  | { readonly kind: 'hash'; readonly password: string }
  | { readonly kind: 'verify'; readonly stored: string; readonly password: string };

export interface VerifyOutcome {
  readonly ok: boolean;
  readonly needsRehash: boolean;
  /** The new argon2id hash to store, when `ok && needsRehash`; else null. */
  readonly rehashed: string | null;
}

export type JobValue = string | VerifyOutcome;

export interface WorkerRequest {
  readonly id: number;
  readonly job: PasswordJob;
}

export type WorkerMessage =
  | { readonly type: 'ready'; readonly threadId: number; readonly nice: number | null }
  | { readonly type: 'done'; readonly id: number; readonly threadId: number; readonly value: JobValue }
  | { readonly type: 'failed'; readonly id: number; readonly threadId: number; readonly message: string };
