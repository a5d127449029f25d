import { rfc3339 } from '@tessera/core';
import type { ProjectContext } from '../context.js';
import { ApiError } from '../errors.js';
import type { OutboxRecord, OutboxStatus } from '../../store/email-stores.js';
import type { MailTemplateRecord } from '../../store/mail-template-stores.js';
import type { MailMessage } from './message.js';
import { pickTemplate, renderMail, type RenderedMail } from './render.js';
import { openMessage } from './sealed-message.js';

export interface OutboxEntry {
  message_id: string;
  status: OutboxStatus;
  kind: string;
  to: string;
  created_at: string;
  sent_at: string | null;
  attempts: number;
  last_error: string | null;
  /** The message's facts (link, code...); null once sent (the payload is wiped). */
  message: MailMessage | null;
  /** The mail as it reads with the project's templates now; null once sent. */
  subject: string | null;
  text: string | null;
  html: string | null;
}

export function outboxEntry(ctx: Pick<ProjectContext, 'master'>, row: OutboxRecord, render?: (m: MailMessage) => RenderedMail): OutboxEntry {
  const message = row.payload ? openMessage(ctx.master, row.project_id, row.message_id, row.payload) : null;
  const rendered = message && render ? render(message) : null;
  return {
    message_id: row.message_id,
    status: row.status,
    kind: row.kind,
    to: row.recipient,
    created_at: rfc3339(row.created_at),
    sent_at: row.sent_at === null ? null : rfc3339(row.sent_at),
    attempts: row.attempts,
    last_error: row.last_error,
    message,
    subject: rendered?.subject ?? null,
    text: rendered?.text ?? null,
    html: rendered?.html ?? null,
  };
}

/**
 * The project's newest messages, opened and rendered: what `tessera outbox` prints and `GET /v1/test/outbox`
 * returns. Only test projects may read it over HTTP (`fromApi`): live mail holds real users' links.
 */
export async function readOutbox(ctx: ProjectContext, opts: { limit: number; to?: string; fromApi: boolean }): Promise<OutboxEntry[]> {
  if (opts.fromApi && ctx.project.env !== 'test') throw new ApiError('test_outbox_not_allowed');
  const rows = await ctx.stores.outbox.list(ctx.project.project_id, { limit: opts.to ? 500 : opts.limit });
  // `?to=+15555550100` typed unencoded arrives as " 15555550100" (a `+` in a query is a space): a phone number.
  const wanted = opts.to?.replace(/^ (?=\d+$)/, '+').toLowerCase();
  const picked = rows.filter((r) => wanted === undefined || r.recipient.toLowerCase() === wanted).slice(0, opts.limit);
  const templates = new Map<string, MailTemplateRecord>();
  if (picked.some((r) => r.payload !== '')) {
    for (const t of await ctx.stores.mailTemplates.list(ctx.project.project_id)) templates.set(t.template_id, t);
  }
  const render = (m: MailMessage) => renderMail(m, pickTemplate(m, (id) => templates.get(id)), ctx.project);
  return picked.map((r) => outboxEntry(ctx, r, render));
}
