/**
 * The audit log: every admin and secret-authenticated write, newest first, filtered by project, actor and
 * action.
 *
 * @module
 */
import { html, type Html } from '../html.js';
import { page, type PageContext } from '../layout.js';

export interface AuditRow {
  at: string;
  actor_type: string;
  actor_id: string;
  project_id: string | null;
  action: string;
  target: string | null;
  ip: string | null;
  status: string | number | null;
}

export function auditTable(rows: AuditRow[]): Html {
  if (rows.length === 0) return html`<p class="muted">No entries.</p>`;
  return html`<table><thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Project</th><th scope="col">What</th><th scope="col">Target</th><th scope="col">From</th><th scope="col">Result</th></tr></thead><tbody>
${rows.map(
  (r) =>
    html`<tr><td>${r.at.replace('T', ' ').slice(0, 19)}</td><td>${r.actor_type}: <span class="mono">${r.actor_id}</span></td><td class="mono">${r.project_id ?? ''}</td><td class="mono">${r.action}</td><td class="mono">${r.target ?? ''}</td><td>${r.ip ?? ''}</td><td>${r.status ?? ''}</td></tr>`,
)}
</tbody></table>`;
}

export function auditPage(ctx: PageContext, filter: { project: string; actor: string; action: string }, rows: AuditRow[]): Html {
  return page(
    ctx,
    'Audit log',
    html`<section><form method="get" action="/admin/audit">
<label for="f-project">Project id</label><input type="text" id="f-project" name="project" value="${filter.project}">
<label for="f-actor">Actor (secret id, operator or cli:user)</label><input type="text" id="f-actor" name="actor" value="${filter.actor}">
<label for="f-action">Action starts with</label><input type="text" id="f-action" name="action" value="${filter.action}">
<p><button type="submit">Filter</button></p></form></section>
<section>${auditTable(rows)}</section>`,
  );
}
