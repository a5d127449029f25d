import type { Session } from '@tessera/core';
import type { ProjectContext } from '../context.js';
import { getUser } from '../users/get-user.js';
import { sessionView } from './session-view.js';

/** The user's live sessions; an unknown user is 404 `user_not_found` (as Stytch's sandbox shows). */
export async function listSessions(ctx: ProjectContext, userId: string): Promise<Session[]> {
  const user = await getUser(ctx, userId);
  const sessions = await ctx.stores.sessions.listLive(ctx.project.project_id, user.user_id, ctx.clock());
  return sessions.map((s) => sessionView(s, user));
}
