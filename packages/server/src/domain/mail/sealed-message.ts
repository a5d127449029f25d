/**
 * Messages in the outbox hold live magic links and codes, so they are sealed (AES-256-GCM under a key
 * derived from the master key, bound to the project and message id): a copy of the database alone does not
 * reveal them. Sent messages lose their payload altogether.
 *
 * @module
 */
import crypto from 'node:crypto';
import { deriveKey, type MasterKey } from '../../crypto/master-key.js';
import type { MailMessage } from './message.js';

const INFO = 'tessera/outbox/v1';

// Derived per message, not cached: one HKDF costs microseconds next to rendering and sending a message, and a
// module-level cache keyed by the master key would be process-wide state.
const keyOf = (master: MasterKey): Buffer => deriveKey(master, INFO);

const aad = (projectId: string, messageId: string) => Buffer.from(`${INFO}/${projectId}/${messageId}`);

export function sealMessage(master: MasterKey, projectId: string, messageId: string, message: MailMessage): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', keyOf(master), iv);
  cipher.setAAD(aad(projectId, messageId));
  const ct = Buffer.concat([cipher.update(JSON.stringify(message), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, ct, cipher.getAuthTag()]).toString('base64url');
}

export function openMessage(master: MasterKey, projectId: string, messageId: string, sealed: string): MailMessage {
  const buf = Buffer.from(sealed, 'base64url');
  const decipher = crypto.createDecipheriv('aes-256-gcm', keyOf(master), buf.subarray(0, 12));
  decipher.setAAD(aad(projectId, messageId));
  decipher.setAuthTag(buf.subarray(buf.length - 16));
  const text = Buffer.concat([decipher.update(buf.subarray(12, buf.length - 16)), decipher.final()]).toString('utf8');
  return JSON.parse(text) as MailMessage;
}
