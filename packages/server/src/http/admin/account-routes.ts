/**
 * Users, organizations and members in the console: search, detail, sessions (revoke one or all), lock and
 * unlock. Reads and writes go through the same domain operations as the API.
 *
 * @module
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { rfc3339 } from '@tessera/core';
import { projectContext, type Deps, type ProjectContext } from '../../domain/context.js';
import { ApiError } from '../../domain/errors.js';
import { lockAccount, unlockAccount, type LockableKind } from '../../domain/admin/account-lock.js';
import { getUser } from '../../domain/users/get-user.js';
import { searchUsers } from '../../domain/users/search-users.js';
import { revokeSession } from '../../domain/sessions/revoke-session.js';
import { getOrganization } from '../../domain/b2b/organizations/get-organization.js';
import { searchOrganizations } from '../../domain/b2b/organizations/search-organizations.js';
import { getMember } from '../../domain/b2b/members/get-member.js';
import { searchMembers } from '../../domain/b2b/members/search-members.js';
import type { FactorRecord } from '../../store/records.js';
import type { Operand } from '../../domain/search/search-page.js';
import { pageContext, sendPage } from './admin-request.js';
import { adminAudit } from './admin-audit.js';
import { memberPage, organizationPage, organizationsPage, userPage, usersPage, type SessionRow } from './pages/accounts.js';
import { projectOf } from './project-routes.js';
import { done, flashOf } from './flash.js';

const PAGE = 50;

function queryText(req: FastifyRequest, name: string): string {
  const v = (req.query as Record<string, unknown>)[name];
  return typeof v === 'string' ? v.trim().slice(0, 200) : '';
}

const factorNames = (factors: FactorRecord[]) => factors.map((f) => `${f.type} (${f.delivery_method})`);

/** What the search box means: an id, an email address (or part of one), else a name. */
function userOperands(q: string): Operand[] {
  if (!q) return [];
  if (/^user-(test|live)-[0-9a-f-]{36}$/.test(q)) return [{ filter_name: 'user_id', filter_value: [q] }];
  if (q.includes('@') || q.includes('.')) return [{ filter_name: 'email_address_fuzzy', filter_value: q }];
  return [{ filter_name: 'full_name_fuzzy', filter_value: q }];
}

function organizationQuery(q: string): { operator: 'AND' | 'OR'; operands: Operand[] } {
  if (!q) return { operator: 'AND', operands: [] };
  if (/^organization-(test|live)-[0-9a-f-]{36}$/.test(q)) return { operator: 'AND', operands: [{ filter_name: 'organization_ids', filter_value: [q] }] };
  return { operator: 'OR', operands: [{ filter_name: 'organization_name_fuzzy', filter_value: q }, { filter_name: 'organization_slug_fuzzy', filter_value: q }] };
}

export function registerAccountPages(admin: FastifyInstance, deps: Deps): void {
  const ctxOf = async (req: FastifyRequest): Promise<ProjectContext> => {
    const project = await projectOf(deps, req);
    await deps.clocks.refresh(project);
    return projectContext(deps, project);
  };
  const params = (req: FastifyRequest) => req.params as { project_id: string; user_id: string; organization_id: string; member_id: string; session_id: string };

  // --- consumer users ---
  admin.get('/projects/:project_id/users', async (req, reply) => {
    const ctx = await ctxOf(req);
    const q = queryText(req, 'q');
    const result = await searchUsers(ctx, { limit: PAGE, cursor: queryText(req, 'cursor') || null, query: { operator: 'AND', operands: userOperands(q) } });
    return sendPage(reply, 200, usersPage(pageContext(req, ctx.project.project_id), q, result));
  });

  const userBase = (req: FastifyRequest) => `/admin/projects/${encodeURIComponent(params(req).project_id)}/users/${encodeURIComponent(params(req).user_id)}`;

  admin.get('/projects/:project_id/users/:user_id', async (req, reply) => {
    const ctx = await ctxOf(req);
    const user = await getUser(ctx, params(req).user_id);
    const now = ctx.clock();
    const live = await ctx.stores.sessions.listLive(ctx.project.project_id, user.user_id, now);
    const sessions: SessionRow[] = live.map((s) => ({
      session_id: s.session_id,
      started_at: rfc3339(s.started_at),
      last_accessed_at: rfc3339(s.last_accessed_at),
      expires_at: rfc3339(s.expires_at),
      ip_address: s.attributes.ip_address,
      user_agent: s.attributes.user_agent,
      factors: factorNames(s.factors),
    }));
    return sendPage(reply, 200, userPage(pageContext(req, ctx.project.project_id), user, sessions, now, flashOf(req)));
  });

  admin.post('/projects/:project_id/users/:user_id/sessions/:session_id/revoke', async (req, reply) => {
    const ctx = await ctxOf(req);
    const { user_id, session_id } = params(req);
    const user = await getUser(ctx, user_id);
    const owned = (await ctx.stores.sessions.listLive(ctx.project.project_id, user.user_id, ctx.clock())).some((s) => s.session_id === session_id);
    if (!owned) throw new ApiError('session_not_found');
    await revokeSession(ctx, { session_id });
    adminAudit(deps, req, 'user.session.revoke', ctx.project.project_id, session_id, 200, { user_id: user.user_id });
    return done(reply, userBase(req), 'revoked');
  });

  admin.post('/projects/:project_id/users/:user_id/sessions/revoke-all', async (req, reply) => {
    const ctx = await ctxOf(req);
    const user = await getUser(ctx, params(req).user_id);
    const count = await ctx.stores.sessions.revokeAllForUser(ctx.project.project_id, user.user_id, ctx.clock());
    adminAudit(deps, req, 'user.session.revoke_all', ctx.project.project_id, user.user_id, 200, { revoked: String(count) });
    return done(reply, userBase(req), 'revoked-all');
  });

  // --- organizations and members ---
  admin.get('/projects/:project_id/organizations', async (req, reply) => {
    const ctx = await ctxOf(req);
    const q = queryText(req, 'q');
    const result = await searchOrganizations(ctx, { limit: PAGE, cursor: queryText(req, 'cursor') || null, query: organizationQuery(q) });
    return sendPage(reply, 200, organizationsPage(pageContext(req, ctx.project.project_id), q, result));
  });

  admin.get('/projects/:project_id/organizations/:organization_id', async (req, reply) => {
    const ctx = await ctxOf(req);
    const org = await getOrganization(ctx, params(req).organization_id);
    const members = await searchMembers(ctx, { organization_ids: [org.organization_id], limit: 200 });
    return sendPage(reply, 200, organizationPage(pageContext(req, ctx.project.project_id), org, members, ctx.clock()));
  });

  const memberOf = async (req: FastifyRequest) => {
    const ctx = await ctxOf(req);
    const org = await getOrganization(ctx, params(req).organization_id);
    const member = await getMember(ctx, org, params(req).member_id);
    return { ctx, org, member };
  };
  const memberBase = (req: FastifyRequest) =>
    `/admin/projects/${encodeURIComponent(params(req).project_id)}/organizations/${encodeURIComponent(params(req).organization_id)}/members/${encodeURIComponent(params(req).member_id)}`;

  admin.get('/projects/:project_id/organizations/:organization_id/members/:member_id', async (req, reply) => {
    const { ctx, org, member } = await memberOf(req);
    const now = ctx.clock();
    const live = await ctx.stores.memberSessions.listLive(ctx.project.project_id, member.member_id, now);
    // Member sessions keep no device or address (Stytch's MemberSession has no `attributes`).
    const sessions: SessionRow[] = live.map((s) => ({
      session_id: s.member_session_id,
      started_at: rfc3339(s.started_at),
      last_accessed_at: rfc3339(s.last_accessed_at),
      expires_at: rfc3339(s.expires_at),
      ip_address: 'not recorded',
      user_agent: '',
      factors: factorNames(s.factors),
    }));
    return sendPage(reply, 200, memberPage(pageContext(req, ctx.project.project_id), org, member, sessions, now, flashOf(req)));
  });

  admin.post('/projects/:project_id/organizations/:organization_id/members/:member_id/sessions/:session_id/revoke', async (req, reply) => {
    const { ctx, member } = await memberOf(req);
    const sessionId = params(req).session_id;
    const owned = (await ctx.stores.memberSessions.listLive(ctx.project.project_id, member.member_id, ctx.clock())).some((s) => s.member_session_id === sessionId);
    if (!owned || !(await ctx.stores.memberSessions.revoke(ctx.project.project_id, { sessionId }, ctx.clock()))) throw new ApiError('session_not_found');
    adminAudit(deps, req, 'member.session.revoke', ctx.project.project_id, sessionId, 200, { member_id: member.member_id });
    return done(reply, memberBase(req), 'revoked');
  });

  admin.post('/projects/:project_id/organizations/:organization_id/members/:member_id/sessions/revoke-all', async (req, reply) => {
    const { ctx, member } = await memberOf(req);
    const count = await ctx.stores.memberSessions.revokeAllForMember(ctx.project.project_id, member.member_id, ctx.clock());
    adminAudit(deps, req, 'member.session.revoke_all', ctx.project.project_id, member.member_id, 200, { revoked: String(count) });
    return done(reply, memberBase(req), 'revoked-all');
  });

  // --- lock and unlock, for both kinds ---
  for (const kind of ['user', 'member'] as LockableKind[]) {
    const path = kind === 'user' ? '/projects/:project_id/users/:user_id' : '/projects/:project_id/organizations/:organization_id/members/:member_id';
    for (const lock of [true, false]) {
      admin.post(`${path}/${lock ? 'lock' : 'unlock'}`, async (req, reply) => {
        const ctx = await ctxOf(req);
        const id = kind === 'user' ? (await getUser(ctx, params(req).user_id)).user_id : (await memberOf(req)).member.member_id;
        await (lock ? lockAccount : unlockAccount)(ctx, kind, id);
        adminAudit(deps, req, `${kind}.${lock ? 'lock' : 'unlock'}`, ctx.project.project_id, id, 200);
        return done(reply, kind === 'user' ? userBase(req) : memberBase(req), lock ? 'locked' : 'unlocked');
      });
    }
  }
}
