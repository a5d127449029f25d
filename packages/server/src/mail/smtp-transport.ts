/**
 * The SMTP side of delivery: nodemailer over `TESSERA_SMTP_URL`. The URL's query may carry nodemailer's
 * SMTP options (`?requireTLS=true`, `?ignoreTLS=true`...); the timeouts below apply unless it does.
 *
 * @module
 */
import nodemailer from 'nodemailer';
import SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { ComposedMail } from '../domain/mail/compose-mail.js';

export interface MailTransport {
  /** Resolves once the SMTP server accepted the message; rejects with nodemailer's error otherwise. */
  send(mail: ComposedMail): Promise<void>;
  close(): void;
}

export function createSmtpTransport(url: string): MailTransport {
  // One connection per send: the loop sends one message at a time, and a pool would hold a connection
  // open through quiet hours.
  const transport = nodemailer.createTransport(
    new SMTPTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000, logger: false, debug: false }),
  );
  return {
    async send(mail) {
      await transport.sendMail({ from: mail.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, disableFileAccess: true, disableUrlAccess: true });
    },
    close() {
      transport.close();
    },
  };
}
