import type { OrganizationSearchOperand } from '../../../store/b2b-stores.js';
import type { ProjectContext } from '../../context.js';
import { ApiError } from '../../errors.js';
import { operandValues } from '../../search/operand-values.js';
import { runSearch, type Operand, type SearchPageInput } from '../../search/search-page.js';



// Stytch names no boolean error type for organization search; its generic search type stands in.
const { strings, bool, fuzzy } = operandValues({
  strings: 'organization_search_expected_array_of_strings',
  boolean: 'invalid_search_query',
  fuzzy: 'organization_search_expected_string',
});

/** The organization search filters of `stytch` 14.2.0 (`OrganizationSearchOperand`). */
export function parseOrganizationOperand(op: Operand): OrganizationSearchOperand {
  const name = op.filter_name;
  const v = op.filter_value;
  switch (name) {
    case 'organization_ids':
    case 'organization_slugs':
    case 'member_emails':
      return { kind: name, values: strings(v, name) };
    case 'allowed_domains':
    case 'claimed_email_domains':
      return { kind: name, values: strings(v, name).map((d) => d.toLowerCase()) };
    case 'organization_name_fuzzy':
    case 'organization_slug_fuzzy':
    case 'member_email_fuzzy':
    case 'allowed_domain_fuzzy':
      return { kind: name, value: fuzzy(v, name) };
    // Tessera has no SSO connections: no organization has an active one, none has a given connection.
    case 'has_active_sso_connection':
      return { kind: bool(v, name) ? 'never' : 'always' };
    case 'sso_connection_id':
      fuzzy(v, name);
      return { kind: 'never' };
    default:
      throw new ApiError('organization_search_filter_name_not_recognized', `Unknown filter_name "${String(name).slice(0, 64)}".`);
  }
}

/** `POST /v1/b2b/organizations/search`: the project's organizations, oldest first, with cursor pagination. */
export async function searchOrganizations(ctx: ProjectContext, input: SearchPageInput) {
  const { rows, total, next_cursor } = await runSearch(
    input,
    parseOrganizationOperand,
    async (q) => {
      const { organizations, total } = await ctx.stores.organizations.search(ctx.project.project_id, q);
      return { rows: organizations, total };
    },
    (o) => ({ created_at: o.created_at, id: o.organization_id }),
  );
  return { organizations: rows, total, next_cursor };
}
