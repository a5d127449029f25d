export { loadConfig, ConfigError, type Config, type MasterKeySource } from './config.js';
export { startServer, type StartedServer } from './server.js';
export { openRuntime, type Runtime, type OpenOptions } from './runtime.js';
export { StartupRefusal, type Report } from './refusal.js';
export { buildApp, routes } from './http/app.js';
export { createProject, type CreatedProject } from './domain/projects/create-project.js';
export { rotateKeys } from './domain/projects/rotate-keys.js';
export { SIGNING_ALGS, DEFAULT_SIGNING_ALG, type SigningAlg } from './crypto/jwt-signing.js';
export type { Deps, ProjectContext } from './domain/context.js';
export { projectContext } from './domain/context.js';
export { createUser } from './domain/users/create-user.js';
export { startSession } from './domain/sessions/start-session.js';
export { newFactor } from './domain/sessions/session-view.js';
// --- B2B ---
export { createOrganization } from './domain/b2b/organizations/create-organization.js';
export { createMember } from './domain/b2b/members/create-member.js';
export { startMemberSession } from './domain/b2b/sessions/start-member-session.js';
export { setRbacPolicy } from './domain/b2b/rbac/set-policy.js';
export type { Organization, Member, MemberSession } from './domain/b2b/wire.js';
