/** The long malformed-request run, `npm run test:reliability` (500 of them run in `npm test`); see fuzz-suite.ts. */
import { malformedRequestSuite } from './fuzz-suite.js';

malformedRequestSuite(10_000, 900_000);
