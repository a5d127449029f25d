/**
 * Runs once before the suite: when Chromium is missing, says so in one line up front (the e2e files then
 * fail with the same line; nothing is skipped).
 */
import { chromiumPath, MISSING_CHROMIUM } from './fixtures/browser.js';

export default function setup(): void {
  if (!chromiumPath()) console.error(MISSING_CHROMIUM);
}
