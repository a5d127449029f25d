import type { MemberSearchOperand } from '../../../store/b2b-stores.js';
import type { ProjectContext } from '../../context.js';
import { ApiError } from '../../errors.js';
import { operandValues } from '../../search/operand-values.js';
import { runSearch, type Operand, type SearchPageInput } from '../../search/search-page.js';
import { getOrganization } from '../organizations/get-organization.js';
import { authorizeActingMember } from '../rbac/acting-member.js';
import type { MemberSessionCredentials } from '../sessions/live-member-session.js';

export interface MemberSearchInput extends SearchPageInput {
  organization_ids?: string[] | undefined;
}

const { strings, bool, fuzzy } = operandValues({
  strings: 'member_search_expected_array_of_strings',
  boolean: 'member_search_expected_boolean',
  fuzzy: 'member_search_expected_string',
});

/**
 * The member search filters of `stytch` 14.2.0 (`MemberSearchOperand`), plus `member_roles` and
 * `member_password_exists` (names from Stytch's error types; UNVERIFIED). `member_roles` matches explicit
 * roles (and everyone for `stytch_member`), not email-domain ones.
 */
export function parseMemberOperand(op: Operand): MemberSearchOperand {
  const name = op.filter_name;
  const v = op.filter_value;
  switch (name) {
    case 'member_ids':
    case 'member_emails':
    case 'statuses':
    case 'member_phone_numbers':
    case 'member_roles':
      return { kind: name, values: strings(v, name) };
    case 'member_email_fuzzy':
    case 'member_phone_number_fuzzy':
      return { kind: name, value: fuzzy(v, name) };
    case 'member_is_breakglass':
    case 'member_password_exists':
      return { kind: name, value: bool(v, name) };
    default:
      throw new ApiError('member_search_filter_name_not_recognized', `Unknown filter_name "${String(name).slice(0, 64)}".`);
  }
}

/**
 * `POST /v1/b2b/organizations/members/search`: members of the given organizations (deleted ones only with a
 * `statuses` filter), oldest first, with the organizations of the page's members. A member session header
 * needs `search` on `stytch.member` in every organization searched.
 */
export async function searchMembers(ctx: ProjectContext, input: MemberSearchInput, creds: MemberSessionCredentials = {}) {
  const ids = input.organization_ids ?? [];
  if (ids.length === 0) throw new ApiError('member_search_organization_ids_empty');
  if (ids.length > 100) throw new ApiError('invalid_argument', 'organization_ids may name at most 100 organizations.');
  const orgs = await Promise.all([...new Set(ids)].map((id) => getOrganization(ctx, id)));
  for (const org of orgs) await authorizeActingMember(ctx, creds, org, [{ resource_id: 'stytch.member', action: 'search' }]);
  const { rows: page, total, next_cursor } = await runSearch(
    input,
    parseMemberOperand,
    async (q) => {
      const includeDeleted = q.operands.some((o) => o.kind === 'statuses');
      const { members, total } = await ctx.stores.members.search(ctx.project.project_id, { ...q, organizationIds: orgs.map((o) => o.organization_id), includeDeleted });
      return { rows: members, total };
    },
    (m) => ({ created_at: m.created_at, id: m.member_id }),
  );
  const organizations = new Map(orgs.filter((o) => page.some((m) => m.organization_id === o.organization_id)).map((o) => [o.organization_id, o]));
  return { members: page, total, next_cursor, organizations };
}
