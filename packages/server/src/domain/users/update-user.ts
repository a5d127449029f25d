import type { JsonObject } from '@tessera/core';
import type { UserRecord } from '../../store/records.js';
import type { UserPatch } from '../../store/stores.js';
import type { ProjectContext } from '../context.js';
import { ApiError } from '../errors.js';
import { checkExternalId, checkName, checkRoles, mergeMetadata } from '../validate.js';
import { conflictToApiError } from './create-user.js';
import { getUser } from './get-user.js';

export interface UserUpdateInput {
  name?: { first_name?: string; middle_name?: string; last_name?: string } | undefined;
  trusted_metadata?: JsonObject | undefined;
  untrusted_metadata?: JsonObject | undefined;
  external_id?: string | undefined;
  roles?: string[] | undefined;
}

/**
 * Updates the given fields. Name parts not sent keep their value; metadata merges at the top level with
 * null deleting a key (Stytch's documented metadata behaviour); roles replace the assigned roles.
 */
export async function updateUser(ctx: ProjectContext, id: string, input: UserUpdateInput): Promise<UserRecord> {
  const user = await getUser(ctx, id);
  const patch: UserPatch = {};
  if (input.name) patch.name = checkName({ ...user.name, ...input.name });
  if (input.trusted_metadata) patch.trusted_metadata = mergeMetadata(user.trusted_metadata, input.trusted_metadata, 'trusted_metadata');
  if (input.untrusted_metadata) {
    patch.untrusted_metadata = mergeMetadata(user.untrusted_metadata, input.untrusted_metadata, 'untrusted_metadata');
  }
  if (input.external_id !== undefined) patch.external_id = input.external_id === '' ? null : checkExternalId(input.external_id);
  if (input.roles) patch.roles = checkRoles(input.roles);
  const updated = await ctx.stores.users.update(ctx.project.project_id, user.user_id, patch).catch(conflictToApiError);
  if (!updated) throw new ApiError('user_not_found');
  return updated;
}
