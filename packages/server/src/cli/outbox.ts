import type { OutboxEntry } from '../domain/mail/read-outbox.js';

/**
 * One message as `tessera outbox` prints it: a header line, then for a message still held (local or
 * queued) its subject and plain text, link and code included, so a developer can follow the link.
 */
export function formatOutboxEntry(e: OutboxEntry): string {
  const lines = [`${e.created_at}  ${e.status.padEnd(6)}  ${e.kind}  to ${e.to}  (${e.message_id})`];
  if (e.status === 'sent') lines.push(`  sent ${e.sent_at} after ${e.attempts} attempt${e.attempts === 1 ? '' : 's'}`);
  if (e.last_error !== null) lines.push(`  ${e.status === 'failed' ? 'failed' : 'last error'} after ${e.attempts} attempt${e.attempts === 1 ? '' : 's'}: ${e.last_error}`);
  if (e.subject !== null) {
    lines.push(`  subject: ${e.subject}`);
    if (e.message?.link) lines.push(`  link:    ${e.message.link}`);
    if (e.message?.code) lines.push(`  code:    ${e.message.code}`);
    lines.push('', ...(e.text ?? '').trimEnd().split('\n').map((l) => (l === '' ? '' : `    ${l}`)));
  }
  return lines.join('\n');
}
