import crypto from 'node:crypto';
import type { ProjectContext } from '../context.js';
import { isPhoneKind, type MailMessage } from './message.js';
import { sealMessage } from './sealed-message.js';

/** Messages in the local outbox (and the metadata of sent ones) are kept at least this long. */
const KEEP_MS = 24 * 60 * 60_000;

/**
 * Puts a message in the outbox, in the database, before the request answers: a restart loses nothing.
 * With SMTP it is `queued` for the sender (domain/mail/sender.ts); without, it stays `local` for the
 * developer (`tessera outbox`, `GET /v1/test/outbox`). SMS and WhatsApp messages are always `local`: there
 * is no provider to hand them to, and the SMTP sender claims only `queued` rows. Returns the message id.
 */
export async function enqueueMail(ctx: ProjectContext, message: MailMessage): Promise<string> {
  const now = ctx.clock();
  const phone = isPhoneKind(message.kind);
  const messageId = `message-${ctx.project.env}-${crypto.randomUUID()}`;
  await ctx.stores.outbox.insert({
    message_id: messageId,
    project_id: ctx.project.project_id,
    kind: message.kind,
    recipient: message.to,
    payload: sealMessage(ctx.master, ctx.project.project_id, messageId, message),
    status: ctx.mail.mode === 'smtp' && !phone ? 'queued' : 'local',
    attempts: 0,
    // Due at once, whatever the clock: the sender schedules retries on the server's clock, while `now` is
    // the project's (a test project's clock may be moved), so a first attempt is never held back by it.
    next_attempt_at: 0,
    last_error: null,
    created_at: now,
    sent_at: null,
    expires_at: now + Math.max(KEEP_MS, message.expiration_minutes * 60_000),
  });
  if (!phone) ctx.mail.notify();
  return messageId;
}
