/**
 * The Discovered Organization objects of an email address: the organizations where it is a member
 * (active, pending or invited), and those it may join by email domain (JIT provisioning RESTRICTED, the
 * domain allowed, and, as Stytch requires against phishing, at least one active member of the organization
 * with a verified address on that domain). Each says whether `factors` already satisfy the organization.
 *
 * @module
 */
import type { MemberRecord, OrganizationRecord } from '../../../store/b2b-records.js';
import type { FactorRecord } from '../../../store/records.js';
import type { ProjectContext } from '../../context.js';
import { emailDomain, mayJoinByEmail } from '../members/email-login-member.js';
import { memberView } from '../members/member-view.js';
import { organizationView } from '../organizations/organization-view.js';
import { missingSteps, requiredSteps } from '../sessions/pending-authentication.js';

const MEMBERSHIP = { active: 'active_member', pending: 'pending_member', invited: 'invited_member' } as const;
/** Organizations listed at most (Stytch does not document a bound; UNVERIFIED). */
const MAX_ORGANIZATIONS = 100;

/** Whether `org` has an active member with a verified address on `domain` (the anti-phishing rule of discovery JIT). */
export async function hasVerifiedMemberOnDomain(ctx: ProjectContext, org: OrganizationRecord, domain: string): Promise<boolean> {
  const { members } = await ctx.stores.members.search(ctx.project.project_id, {
    organizationIds: [org.organization_id],
    operands: [{ kind: 'member_email_fuzzy', value: `@${domain}` }],
    operator: 'AND',
    after: null,
    limit: 100,
    includeDeleted: false,
  });
  return members.some((m) => m.status === 'active' && m.email_address_verified && emailDomain(m.email_address) === domain);
}

export async function discoveredOrganizations(ctx: ProjectContext, email: string, factors: FactorRecord[]) {
  const projectId = ctx.project.project_id;
  const domain = emailDomain(email);
  const { organizations } = await ctx.stores.organizations.search(projectId, {
    operator: 'OR',
    operands: [
      { kind: 'member_emails', values: [email] },
      { kind: 'allowed_domains', values: [domain] },
    ],
    after: null,
    limit: MAX_ORGANIZATIONS,
  });
  const now = ctx.clock();
  const found = [];
  for (const org of organizations) {
    const member: MemberRecord | null = await ctx.stores.members.byEmail(projectId, org.organization_id, email);
    let membership;
    if (member && member.status !== 'deleted') {
      membership = { type: MEMBERSHIP[member.status], details: null, member: memberView(member, org, now) };
    } else if (mayJoinByEmail(org, email) && (await hasVerifiedMemberOnDomain(ctx, org, domain))) {
      membership = { type: 'eligible_to_join_by_email_domain', details: { domain }, member: null };
    } else {
      continue;
    }
    const steps = missingSteps(org, member ?? { is_breakglass: false, mfa_enrolled: false }, factors);
    found.push({ member_authenticated: steps === null, organization: organizationView(org), membership, ...requiredSteps(member, steps ?? { primary: null, mfa: false }) });
  }
  return found;
}
