import { Type } from 'typebox';
import { ApiError } from '../../domain/errors.js';
import { keyRingOf } from '../../domain/projects/key-ring-of.js';
import { publicRoute } from '../route.js';
import { Str } from '../schema.js';

/**
 * The JWKS route, served at `/v1/sessions/jwks/:project_id` and `/v1/b2b/sessions/jwks/:project_id`:
 * consumer and member session JWTs are signed with the same project keys. Open to unauthenticated GETs.
 */
export const jwksRoute = (url: string) =>
  publicRoute({
    method: 'GET',
    url,
    summary: 'The public keys session JWTs are signed with (no authentication needed)',
    // Public keys may be cached, but revalidated each time: a rotated-in key must be visible at once.
    cacheControl: 'no-cache',
    params: Type.Object({ project_id: Str({ maxLength: 256 }) }),
    async handler(deps, { params }) {
      const project = await deps.stores.projects.get(params.project_id);
      if (!project) throw new ApiError('project_not_found');
      // Which keys are published follows a test project's test clock; a live project waits for nothing.
      const due = deps.clocks.refresh(project);
      if (due) await due;
      return { keys: (await keyRingOf(deps, project.project_id)).jwks };
    },
  });
