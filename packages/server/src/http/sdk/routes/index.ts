import { sdkB2BPasswordlessRoutes } from './b2b-passwordless.js';
import { sdkB2BRoutes } from './b2b.js';
import { sdkPasswordRoutes } from './passwords.js';
import { sdkProjectRoutes } from './project.js';
import { sdkSessionRoutes } from './sessions.js';
import { sdkUserRoutes } from './users.js';

/**
 * Every `/sdk/v1` route. Magic links, OTPs and B2B discovery join here in the passwordless issue, as
 * `sdkPublicRoute`s (login) and `sdkSessionRoute`s (send to a logged-in user, attach a factor).
 */
export const sdkRoutes = [...sdkProjectRoutes, ...sdkSessionRoutes, ...sdkPasswordRoutes, ...sdkUserRoutes, ...sdkB2BRoutes, ...sdkB2BPasswordlessRoutes];
