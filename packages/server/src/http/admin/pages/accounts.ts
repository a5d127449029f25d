/**
 * Users, organizations and members: search, detail with factors, live sessions (device, address, last
 * access) with revoke one or all, and lock or unlock.
 *
 * @module
 */
import type { UserRecord } from '../../../store/records.js';
import type { MemberRecord, OrganizationRecord } from '../../../store/b2b-records.js';
import { isLocked } from '../../../domain/passwords/lockout.js';
import { LOCKED_UNTIL_UNLOCKED } from '../../../domain/admin/account-lock.js';
import { html, when, type Html } from '../html.js';
import { actionButton, page, type Flash, type PageContext } from '../layout.js';

/** A live session, consumer or member, as the tables show it. */
export interface SessionRow {
  session_id: string;
  started_at: string;
  last_accessed_at: string;
  expires_at: string;
  ip_address: string;
  user_agent: string;
  factors: string[];
}

function searchForm(action: string, q: string, label: string, hint: string): Html {
  return html`<section><form method="get" action="${action}" role="search">
<label for="q">${label}</label><input type="search" id="q" name="q" value="${q}"> <button type="submit">Search</button>
<p class="muted">${hint}</p></form></section>`;
}

function pager(action: string, q: string, total: number, shown: number, next: string | null): Html {
  return html`<p class="muted">${shown} of ${total}.${next ? html` <a href="${action}?q=${encodeURIComponent(q)}&amp;cursor=${encodeURIComponent(next)}">Next page</a>` : ''}</p>`;
}

function lockBadge(account: { lock_expires_at: number | null }, now: number): Html {
  if (!isLocked(account, now)) return html`<span class="badge">not locked</span>`;
  return html`<span class="badge locked">locked ${account.lock_expires_at === LOCKED_UNTIL_UNLOCKED ? 'until unlocked' : `until ${when(account.lock_expires_at)}`}</span>`;
}

function sessionsTable(ctx: PageContext, sessions: SessionRow[], base: string): Html {
  if (sessions.length === 0) return html`<p class="muted">No live sessions.</p>`;
  return html`<table><thead><tr><th scope="col">Session</th><th scope="col">Device</th><th scope="col">Address</th><th scope="col">Started</th><th scope="col">Last access</th><th scope="col">Expires</th><th scope="col">Factors</th><th scope="col"><span class="muted">Action</span></th></tr></thead><tbody>
${sessions.map(
  (s) =>
    html`<tr><td class="mono">${s.session_id}</td><td>${s.user_agent || html`<span class="muted">unknown</span>`}</td><td>${s.ip_address}</td><td>${when(s.started_at)}</td><td>${when(s.last_accessed_at)}</td><td>${when(s.expires_at)}</td><td>${s.factors.join(', ')}</td><td>${actionButton(ctx, `${base}/sessions/${encodeURIComponent(s.session_id)}/revoke`, 'Revoke', { danger: true })}</td></tr>`,
)}
</tbody></table>
<p>${actionButton(ctx, `${base}/sessions/revoke-all`, 'Revoke all sessions', { danger: true })}</p>`;
}

function lockControls(ctx: PageContext, account: { lock_expires_at: number | null }, base: string, now: number): Html {
  return isLocked(account, now)
    ? actionButton(ctx, `${base}/unlock`, 'Unlock')
    : actionButton(ctx, `${base}/lock`, 'Lock (refuse every sign-in until unlocked)', { danger: true });
}

const fullName = (n: { first_name: string; middle_name: string; last_name: string }) => [n.first_name, n.middle_name, n.last_name].filter(Boolean).join(' ');

export function usersPage(ctx: PageContext, q: string, result: { users: UserRecord[]; total: number; next_cursor: string | null }): Html {
  const action = `/admin/projects/${encodeURIComponent(ctx.projectId!)}/users`;
  return page(
    ctx,
    'Users',
    html`${searchForm(action, q, 'Find users', 'An email address or part of one, a name, or a user id. Empty: every user, oldest first.')}
<section><table><thead><tr><th scope="col">User</th><th scope="col">Name</th><th scope="col">Emails</th><th scope="col">Status</th><th scope="col">Created</th></tr></thead><tbody>
${result.users.map(
  (u) =>
    html`<tr><td><a class="mono" href="${action}/${encodeURIComponent(u.user_id)}">${u.user_id}</a></td><td>${fullName(u.name)}</td><td>${u.emails.map((e) => e.email).join(', ')}</td><td>${u.status}</td><td>${when(u.created_at)}</td></tr>`,
)}
</tbody></table>${pager(action, q, result.total, result.users.length, result.next_cursor)}</section>`,
  );
}

export function userPage(ctx: PageContext, user: UserRecord, sessions: SessionRow[], now: number, flash: Flash | null): Html {
  const base = `/admin/projects/${encodeURIComponent(ctx.projectId!)}/users/${encodeURIComponent(user.user_id)}`;
  return page(
    ctx,
    fullName(user.name) || user.emails[0]?.email || user.user_id,
    html`<section><dl>
<dt>User id</dt><dd class="mono">${user.user_id}</dd>
${user.external_id ? html`<dt>External id</dt><dd class="mono">${user.external_id}</dd>` : ''}
<dt>Status</dt><dd>${user.status}</dd>
<dt>Created</dt><dd>${when(user.created_at)}</dd>
<dt>Emails</dt><dd>${user.emails.length ? user.emails.map((e) => html`<div>${e.email} <span class="badge">${e.verified ? 'verified' : 'unverified'}</span></div>`) : html`<span class="muted">none</span>`}</dd>
<dt>Phone numbers</dt><dd>${user.phones.length ? user.phones.map((p) => html`<div>${p.phone_number} <span class="badge">${p.verified ? 'verified' : 'unverified'}</span></div>`) : html`<span class="muted">none</span>`}</dd>
<dt>Password</dt><dd>${user.password ? 'set' : html`<span class="muted">none</span>`}</dd>
<dt>Lock</dt><dd>${lockBadge(user, now)} ${lockControls(ctx, user, base, now)}</dd>
</dl></section>
<section><h2>Live sessions</h2>${sessionsTable(ctx, sessions, base)}</section>`,
    flash,
  );
}

export function organizationsPage(ctx: PageContext, q: string, result: { organizations: OrganizationRecord[]; total: number; next_cursor: string | null }): Html {
  const action = `/admin/projects/${encodeURIComponent(ctx.projectId!)}/organizations`;
  return page(
    ctx,
    'Organizations',
    html`${searchForm(action, q, 'Find organizations', 'Part of a name or slug, or an organization id. Empty: every organization, oldest first.')}
<section><table><thead><tr><th scope="col">Organization</th><th scope="col">Name</th><th scope="col">Slug</th><th scope="col">Created</th></tr></thead><tbody>
${result.organizations.map(
  (o) =>
    html`<tr><td><a class="mono" href="${action}/${encodeURIComponent(o.organization_id)}">${o.organization_id}</a></td><td>${o.organization_name}</td><td>${o.organization_slug}</td><td>${when(o.created_at)}</td></tr>`,
)}
</tbody></table>${pager(action, q, result.total, result.organizations.length, result.next_cursor)}</section>`,
  );
}

export function organizationPage(ctx: PageContext, org: OrganizationRecord, members: { members: MemberRecord[]; total: number }, now: number): Html {
  const base = `/admin/projects/${encodeURIComponent(ctx.projectId!)}/organizations/${encodeURIComponent(org.organization_id)}`;
  return page(
    ctx,
    org.organization_name,
    html`<section><dl>
<dt>Organization id</dt><dd class="mono">${org.organization_id}</dd>
<dt>Slug</dt><dd>${org.organization_slug}</dd>
<dt>Created</dt><dd>${when(org.created_at)}</dd>
</dl></section>
<section><h2>Members (${members.total})</h2>
<table><thead><tr><th scope="col">Member</th><th scope="col">Email</th><th scope="col">Name</th><th scope="col">Status</th><th scope="col">Lock</th></tr></thead><tbody>
${members.members.map(
  (m) =>
    html`<tr><td><a class="mono" href="${base}/members/${encodeURIComponent(m.member_id)}">${m.member_id}</a></td><td>${m.email_address}</td><td>${m.name}</td><td>${m.status}</td><td>${lockBadge(m, now)}</td></tr>`,
)}
</tbody></table></section>`,
  );
}

export function memberPage(ctx: PageContext, org: OrganizationRecord, member: MemberRecord, sessions: SessionRow[], now: number, flash: Flash | null): Html {
  const orgUrl = `/admin/projects/${encodeURIComponent(ctx.projectId!)}/organizations/${encodeURIComponent(org.organization_id)}`;
  const base = `${orgUrl}/members/${encodeURIComponent(member.member_id)}`;
  return page(
    ctx,
    member.name || member.email_address,
    html`<section><dl>
<dt>Member id</dt><dd class="mono">${member.member_id}</dd>
<dt>Organization</dt><dd><a href="${orgUrl}">${org.organization_name}</a></dd>
<dt>Email</dt><dd>${member.email_address} <span class="badge">${member.email_address_verified ? 'verified' : 'unverified'}</span></dd>
<dt>Status</dt><dd>${member.status}</dd>
<dt>Password</dt><dd>${member.password ? 'set' : html`<span class="muted">none</span>`}</dd>
<dt>Lock</dt><dd>${lockBadge(member, now)} ${lockControls(ctx, member, base, now)}</dd>
</dl></section>
<section><h2>Live sessions</h2>${sessionsTable(ctx, sessions, base)}</section>`,
    flash,
  );
}
