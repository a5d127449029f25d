import { b2bDiscoveryRoutes } from './discovery.js';
import { b2bMagicLinkRoutes } from './magic-links.js';
import { memberRoutes } from './members.js';
import { organizationRoutes } from './organizations.js';
import { b2bOtpRoutes } from './otps.js';
import { b2bPasswordRoutes } from './passwords.js';
import { rbacRoutes } from './rbac.js';
import { memberSessionRoutes } from './sessions.js';

/** Every `/v1/b2b/*` route. */
export const b2bRoutes = [...organizationRoutes, ...memberRoutes, ...b2bPasswordRoutes, ...memberSessionRoutes, ...rbacRoutes, ...b2bMagicLinkRoutes, ...b2bOtpRoutes, ...b2bDiscoveryRoutes];
