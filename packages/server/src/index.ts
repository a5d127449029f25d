export { loadConfig, ConfigError, type Config } from './config.js';
export { startServer, type StartedServer } from './server.js';
export { openRuntime, type Runtime } from './runtime.js';
export { buildApp, routes } from './http/app.js';
export { createProject, type CreatedProject } from './domain/projects/create-project.js';
export { rotateKeys } from './domain/projects/rotate-keys.js';
export type { Deps, ProjectContext } from './domain/context.js';
export { projectContext } from './domain/context.js';
