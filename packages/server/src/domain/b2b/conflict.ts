import { B2BConflictError } from '../../store/b2b-stores.js';
import { ApiError } from '../errors.js';

const TYPES = {
  organization_slug: 'organization_slug_already_used',
  organization_external_id: 'duplicate_organization',
  member_email: 'duplicate_member_email',
  member_external_id: 'duplicate_member_external_id',
} as const;

/** Maps a B2B store conflict to its Stytch error; rethrows anything else. */
export function b2bConflictToApiError(err: unknown): never {
  if (err instanceof B2BConflictError) throw new ApiError(TYPES[err.field]);
  throw err;
}
