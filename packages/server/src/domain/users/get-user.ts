import type { UserRecord } from '../../store/records.js';
import type { ProjectContext } from '../context.js';
import { ApiError } from '../errors.js';

/** By user_id or external_id; 404 `user_not_found` otherwise. */
export async function getUser(ctx: ProjectContext, id: string): Promise<UserRecord> {
  const user = id.length <= 256 ? await ctx.stores.users.get(ctx.project.project_id, id) : null;
  if (!user) throw new ApiError('user_not_found');
  return user;
}
