/** The fast slice of the malformed-request run (the long run is fuzz.long.test.ts); see fuzz-suite.ts. */
import { malformedRequestSuite } from './fuzz-suite.js';

malformedRequestSuite(500, 120_000);
