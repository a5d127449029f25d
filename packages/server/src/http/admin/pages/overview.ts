/**
 * The overview: activity charts, the projects, and the latest audited writes.
 *
 * @module
 */
import type { ProjectRecord } from '../../../store/records.js';
import { activityPanel, type ActivityView } from '../charts.js';
import { html, when, type Html } from '../html.js';
import { page, type Flash, type PageContext } from '../layout.js';
import { auditTable, type AuditRow } from './audit.js';

export function overviewPage(
  ctx: PageContext,
  data: { projects: ProjectRecord[]; activity: ActivityView | null; audit: AuditRow[] },
  flash: Flash | null,
): Html {
  return page(
    ctx,
    'Overview',
    html`<h2>Activity</h2>
${activityPanel(data.activity)}
<section><h2>Projects</h2>
<table><thead><tr><th scope="col">Project</th><th scope="col">Name</th><th scope="col">Environment</th><th scope="col">Created</th></tr></thead><tbody>
${data.projects.map(
  (p) => html`<tr><td><a class="mono" href="/admin/projects/${encodeURIComponent(p.project_id)}">${p.project_id}</a></td><td>${p.name}</td><td>${p.env}</td><td>${when(p.created_at)}</td></tr>`,
)}
</tbody></table></section>
<section><h2>Latest audited writes</h2>${auditTable(data.audit)}<p><a href="/admin/audit">The whole audit log</a></p></section>`,
    flash,
  );
}
