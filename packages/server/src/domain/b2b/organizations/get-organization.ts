import type { OrganizationRecord } from '../../../store/b2b-records.js';
import type { ProjectContext } from '../../context.js';
import { ApiError } from '../../errors.js';

/** By organization_id, slug or external id (Stytch accepts all three wherever an organization_id goes); 404 otherwise. */
export async function getOrganization(ctx: ProjectContext, ref: string): Promise<OrganizationRecord> {
  const org = ref.length <= 256 ? await ctx.stores.organizations.get(ctx.project.project_id, ref) : null;
  if (!org) throw new ApiError('organization_not_found');
  return org;
}
