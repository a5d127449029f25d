/**
 * `runJob(job)`: what a password worker does with one job, synchronously, on its own thread.
 *
 * @module
 */
import { hashPassword } from '../argon2id.js';
import { verifyStoredPassword } from '../verify-stored-password.js';
import type { JobValue, PasswordJob, VerifyOutcome } from './protocol.js';

export function runJob(job: PasswordJob): JobValue {
  switch (job.kind) {
    case 'hash':
      return hashPassword(job.password);
    case 'verify': {
      const { ok, needsRehash } = verifyStoredPassword(job.stored, job.password);
      const outcome: VerifyOutcome = { ok, needsRehash, rehashed: ok && needsRehash ? hashPassword(job.password) : null };
      return outcome;
    }
  }
}
