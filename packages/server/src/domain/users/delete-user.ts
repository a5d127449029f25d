import type { ProjectContext } from '../context.js';
import { ApiError } from '../errors.js';
import { getUser } from './get-user.js';

/** Deletes the user with its emails, phone numbers and sessions (so its session tokens stop working at once). */
export async function deleteUser(ctx: ProjectContext, id: string): Promise<string> {
  const user = await getUser(ctx, id);
  if (!(await ctx.stores.users.delete(ctx.project.project_id, user.user_id, ctx.clock()))) throw new ApiError('user_not_found');
  return user.user_id;
}
