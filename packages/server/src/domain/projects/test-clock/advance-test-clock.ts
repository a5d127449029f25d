import type { ProjectContext } from '../../context.js';
import { testProject } from './project-clocks.js';
import { parseAdvanceDuration, type AdvanceDuration } from './duration.js';
import { testClockView, type TestClockView } from './test-clock-view.js';

/**
 * Moves a test project's time forward (never back: `resetTestClock` returns to real time). Everything the
 * project does from then on runs on the new time: session and lock expiry, JWT `iat`/`exp`, key activation.
 * A live project -> 403 `test_clock_not_allowed`; a bad duration -> 400 `invalid_argument`, nothing written.
 */
export async function advanceTestClock(ctx: ProjectContext, duration: AdvanceDuration): Promise<TestClockView> {
  testProject(ctx.project); // a live project is refused whatever the duration
  const byMs = parseAdvanceDuration(duration);
  const offset = await ctx.clocks.advance(ctx.project, byMs);
  return testClockView(offset, ctx.clock());
}
