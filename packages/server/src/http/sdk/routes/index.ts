import { sdkB2BPasswordlessRoutes } from './b2b-passwordless.js';
import { sdkB2BRoutes } from './b2b.js';
import { sdkPasswordRoutes } from './passwords.js';
import { sdkPasswordlessRoutes } from './passwordless.js';
import { sdkProjectRoutes } from './project.js';
import { sdkSessionRoutes } from './sessions.js';
import { sdkUserRoutes } from './users.js';

/**
 * Every `/sdk/v1` route: login routes are `sdkPublicRoute`s, routes acting for the signed-in caller
 * (send to a second address) `sdkSessionRoute`s.
 */
export const sdkRoutes = [
  ...sdkProjectRoutes,
  ...sdkSessionRoutes,
  ...sdkPasswordRoutes,
  ...sdkPasswordlessRoutes,
  ...sdkUserRoutes,
  ...sdkB2BRoutes,
  ...sdkB2BPasswordlessRoutes,
];
