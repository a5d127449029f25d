import { rfc3339 } from '@tessera/core';

export interface TestClockView {
  /** How far the project's time runs ahead of the server's, in ms. */
  offset_ms: number;
  /** The project's time now (RFC 3339). */
  now: string;
}

export const testClockView = (offsetMs: number, now: number): TestClockView => ({ offset_ms: offsetMs, now: rfc3339(now) });
