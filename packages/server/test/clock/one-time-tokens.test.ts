/**
 * Magic-link tokens and email OTP codes expire on the project's time (issue #16): the one-time token core
 * (domain/email) over a real SQLite file, moved on with the test clock as the HTTP route does
 * (`advanceTestClock`). The passwordless routes call the same functions.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openTestRuntime, type TestRuntime } from '@tessera/test-utils';
import { ApiError } from '../../src/domain/errors.js';
import { issueLinkToken, issueOtpCode } from '../../src/domain/email/issue-token.js';
import { redeemLinkToken, redeemOtpCode } from '../../src/domain/email/redeem-token.js';
import { advanceTestClock } from '../../src/domain/projects/test-clock/advance-test-clock.js';

let rt: TestRuntime | undefined;
afterEach(async () => {
  await rt?.close();
  rt = undefined;
});

const errorType = (p: Promise<unknown>) =>
  p.then(
    () => 'no error',
    (err: unknown) => (err instanceof ApiError ? err.type : String(err)),
  );

const LINK_ERRORS = { notFound: 'magic_link_not_found', unusable: 'unable_to_auth_magic_link' } as const;

describe('one-time tokens on the test clock', () => {
  it('a 10-minute magic link works 9 minutes on (project time) and is unusable 11 minutes on', async () => {
    rt = await openTestRuntime();
    const { ctx } = rt;
    const input = { purpose: 'magic_link' as const, method_id: 'email-test-1', subject_id: null, email: 'ada@example.com', expiration_minutes: 10 };
    const early = await issueLinkToken(ctx, input);
    const late = await issueLinkToken(ctx, input);
    await advanceTestClock(ctx, '9m');
    expect((await redeemLinkToken(ctx, ['magic_link'], early, LINK_ERRORS)).email).toBe('ada@example.com');
    await advanceTestClock(ctx, '2m');
    expect(await errorType(redeemLinkToken(ctx, ['magic_link'], late, LINK_ERRORS))).toBe('unable_to_auth_magic_link');
    expect(rt.clock.now()).toBe(Date.UTC(2026, 0, 1, 12, 0, 0)); // the server's own clock never moved
  });

  it('a 10-minute OTP code is accepted before its expiry and otp_code_not_found after it', async () => {
    rt = await openTestRuntime();
    const { ctx } = rt;
    const input = { purpose: 'otp' as const, method_id: 'email-test-2', subject_id: null, email: 'bob@example.com', expiration_minutes: 10 };
    const code = await issueOtpCode(ctx, input);
    await advanceTestClock(ctx, { seconds: 599 });
    expect((await redeemOtpCode(ctx, 'email-test-2', code)).email).toBe('bob@example.com');
    const next = await issueOtpCode(ctx, input);
    await advanceTestClock(ctx, '10m');
    expect(await errorType(redeemOtpCode(ctx, 'email-test-2', next))).toBe('otp_code_not_found');
  });
});
