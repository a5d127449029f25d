import type { Deps } from '../context.js';
import type { OutboxRecord } from '../../store/email-stores.js';
import { pickTemplate, renderMail, type RenderedMail } from './render.js';
import { openMessage } from './sealed-message.js';

export interface ComposedMail extends RenderedMail {
  from: string;
  to: string;
}

/**
 * An outbox row made ready to send: opened, rendered with the project's templates as they are now, and
 * addressed from the project's sender (`tessera project mail --from`) or the server's `TESSERA_MAIL_FROM`.
 * Null when the project is gone or the payload was wiped (nothing left to send).
 */
export async function composeMail(deps: Pick<Deps, 'stores' | 'master'>, row: OutboxRecord, defaultFrom: string): Promise<ComposedMail | null> {
  if (row.payload === '') return null;
  const project = await deps.stores.projects.get(row.project_id);
  if (!project) return null;
  const message = openMessage(deps.master, row.project_id, row.message_id, row.payload);
  const [settings, named, fallback] = await Promise.all([
    deps.stores.mailSettings.get(row.project_id),
    message.template_id ? deps.stores.mailTemplates.get(row.project_id, message.template_id) : null,
    deps.stores.mailTemplates.get(row.project_id, message.kind),
  ]);
  const template = pickTemplate(message, (id) => (id === message.template_id ? named : id === message.kind ? fallback : null));
  return { from: settings.from_address ?? defaultFrom, to: message.to, ...renderMail(message, template, project) };
}
