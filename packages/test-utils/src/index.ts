export { startServer, TEST_MASTER_KEY, type StartServerOptions, type TestServer, type TestProject } from './start-server.js';
export { TestClock } from './clock.js';
export { openTestRuntime, type TestRuntime } from './runtime.js';
export { startPostgres, type TestPostgres } from './postgres.js';
export { bundle, type Bundle } from './bundle.js';
