import type { ProjectContext } from '../../context.js';
import { getOrganization } from './get-organization.js';

/** `GET /v1/b2b/organizations/{organization_id}/metrics`: the members that are not deleted. */
export async function countMembers(ctx: ProjectContext, ref: string): Promise<number> {
  const org = await getOrganization(ctx, ref);
  return ctx.stores.members.count(ctx.project.project_id, org.organization_id);
}
