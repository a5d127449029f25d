import type { ProjectContext } from '../../context.js';
import { testClockView, type TestClockView } from './test-clock-view.js';

/**
 * Returns a test project to the server's time (offset 0). Records written while it ran ahead keep their
 * times: a session started then expires that much later in real time, and a key rotated then activates
 * that much later. A live project -> 403 `test_clock_not_allowed`.
 */
export async function resetTestClock(ctx: ProjectContext): Promise<TestClockView> {
  await ctx.clocks.reset(ctx.project);
  return testClockView(0, ctx.clock());
}
