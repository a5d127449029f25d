/**
 * Server-drawn SVG charts for the console's Activity panel (no script: the CSP forbids it). The figures
 * come from the same counters as `/metrics`, per minute.
 *
 * @module
 */
import { html, type Html } from './html.js';

/** One minute of activity, as the metrics module records it. */
export interface ActivityMinute {
  /** Epoch ms at which the minute started. */
  start: number;
  authentications: { success: number; failure: number };
  failed_logins: number;
  lockouts: number;
}

export interface ActivityView {
  minutes: ActivityMinute[];
  active_sessions: number | null;
}

const W = 600;
const H = 140;
const PAD = 22;

/** Stacked bars, one per minute: each series a CSS class (`ok`, `fail`, `warn`) and a value per minute. */
export function barChart(label: string, minutes: ActivityMinute[], series: { cls: string; name: string; value: (m: ActivityMinute) => number }[]): Html {
  const max = Math.max(1, ...minutes.map((m) => series.reduce((sum, s) => sum + s.value(m), 0)));
  const slot = (W - PAD) / Math.max(1, minutes.length);
  const bars = minutes.map((m, i) => {
    let y = H - PAD;
    return series.map((s) => {
      const v = s.value(m);
      const h = (v / max) * (H - 2 * PAD);
      y -= h;
      return v > 0
        ? html`<rect class="${s.cls}" x="${(PAD + i * slot + 1).toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(1, slot - 2).toFixed(1)}" height="${h.toFixed(1)}"><title>${new Date(m.start).toISOString().slice(11, 16)} UTC: ${v} ${s.name}</title></rect>`
        : '';
    });
  });
  const first = minutes[0];
  const last = minutes[minutes.length - 1];
  const totals = series.map((s) => html`<span><i class="sw ${s.cls}"></i>${s.name}: ${minutes.reduce((sum, m) => sum + s.value(m), 0)}</span>`);
  return html`<figure class="chart">
<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${label}, per minute over the last ${minutes.length} minutes">
<line x1="${PAD}" y1="${H - PAD}" x2="${W}" y2="${H - PAD}" stroke="#d8dde3"/>
<text x="0" y="${PAD}">${max}</text><text x="0" y="${H - PAD}">0</text>
${bars}
${first ? html`<text x="${PAD}" y="${H - 6}">${new Date(first.start).toISOString().slice(11, 16)}</text>` : ''}
${last ? html`<text x="${W - 34}" y="${H - 6}">${new Date(last.start).toISOString().slice(11, 16)}</text>` : ''}
</svg>
<figcaption class="legend">${label} (last 60 minutes, UTC) — ${totals}</figcaption>
</figure>`;
}

export function activityPanel(activity: ActivityView | null): Html {
  if (!activity) return html`<p class="muted">Activity figures are not available in this process.</p>`;
  const m = activity.minutes;
  return html`<div class="grid">
<section><h2>Authentications per minute</h2>${barChart('Authentications', m, [
    { cls: 'ok', name: 'succeeded', value: (x) => x.authentications.success },
    { cls: 'fail', name: 'failed', value: (x) => x.authentications.failure },
  ])}</section>
<section><h2>Failed logins and lockouts</h2>${barChart('Failed logins and lockouts', m, [
    { cls: 'fail', name: 'failed logins', value: (x) => x.failed_logins },
    { cls: 'warn', name: 'lockouts', value: (x) => x.lockouts },
  ])}
<p>Active sessions: <span class="stat">${activity.active_sessions ?? 'n/a'}</span></p></section>
</div>`;
}
