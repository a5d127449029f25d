import type { ProjectContext } from '../../context.js';
import { testClockView, type TestClockView } from './test-clock-view.js';

/** A test project's offset as stored now, and its time. A live project -> 403 `test_clock_not_allowed`. */
export async function showTestClock(ctx: ProjectContext): Promise<TestClockView> {
  const offset = await ctx.clocks.read(ctx.project);
  return testClockView(offset, ctx.clock());
}
