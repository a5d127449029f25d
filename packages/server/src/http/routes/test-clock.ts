import { Type } from 'typebox';
import { ApiError } from '../../domain/errors.js';
import { advanceTestClock } from '../../domain/projects/test-clock/advance-test-clock.js';
import { resetTestClock } from '../../domain/projects/test-clock/reset-test-clock.js';
import { showTestClock } from '../../domain/projects/test-clock/show-test-clock.js';
import { Body, Str } from '../schema.js';
import { secretRoute } from '../route.js';

const Seconds = Type.Integer({ description: 'whole seconds, 1 to 34560000 (400 days)' });

/**
 * The per-project test clock (issue #16), a Tessera extension with no Stytch counterpart: test projects only
 * (a live project gets 403 `test_clock_not_allowed`). Time only moves forward; reset returns to real time.
 */
export const testClockRoutes = [
  secretRoute({
    method: 'GET',
    url: '/v1/test/clock',
    summary: "Tessera extension: the test project's clock offset and its time now",
    async handler(ctx) {
      return showTestClock(ctx);
    },
  }),
  secretRoute({
    method: 'POST',
    url: '/v1/test/clock/advance',
    summary: 'Tessera extension: move a test project\'s time forward ("90s", "10m", "2h", "7d" or { "seconds": n }; at most 400 days)',
    body: Body({
      duration: Type.Optional(Type.Union([Str({ maxLength: 32 }), Type.Object({ seconds: Seconds })])),
      seconds: Type.Optional(Seconds),
    }),
    async handler(ctx, { body }) {
      const { duration, seconds } = body;
      if ((duration === undefined) === (seconds === undefined)) {
        throw new ApiError('invalid_argument', 'Give exactly one of duration (e.g. "10m", or { "seconds": 600 }) or seconds.');
      }
      return advanceTestClock(ctx, duration ?? { seconds });
    },
  }),
  secretRoute({
    method: 'POST',
    url: '/v1/test/clock/reset',
    summary: "Tessera extension: return a test project's clock to real time (offset 0)",
    async handler(ctx) {
      return resetTestClock(ctx);
    },
  }),
];
