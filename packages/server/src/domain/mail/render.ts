/**
 * `renderMail(message, template, project)`: the subject, plain text and HTML of a message, from the
 * project's template or the built-in one for its kind. Pure: the caller picks the template
 * ({@link pickTemplate}) and passes the project.
 *
 * Templates use `{{placeholder}}`s: `link`, `code`, `expiration_minutes`, `expires_in` (the same
 * duration in words: "1 week"), `email`, `organization_name`, `project_name`. Values are substituted in one
 * pass (a value that itself contains `{{code}}` stays as it is), HTML-escaped in the HTML part, and
 * unknown placeholders are left untouched so a typo shows in the mail instead of vanishing.
 *
 * @module
 */
import type { MailTemplateRecord } from '../../store/mail-template-stores.js';
import type { EmailKind, MailKind, MailMessage } from './message.js';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** What rendering needs of a template (a stored one or a built-in). */
export type MailTemplate = Pick<MailTemplateRecord, 'subject' | 'text' | 'html'>;

/** The kinds a project may write templates for: email only (phone messages use the built-in text). */
export const MAIL_KINDS: readonly EmailKind[] = Object.freeze(['login', 'signup', 'invite', 'email_otp', 'password_reset', 'discovery']);

/** The placeholder a template of each kind must contain, or the mail would be useless. */
export const REQUIRED_PLACEHOLDER: Readonly<Record<EmailKind, 'link' | 'code'>> = Object.freeze({
  login: 'link',
  signup: 'link',
  invite: 'link',
  email_otp: 'code',
  password_reset: 'link',
  discovery: 'link',
});

export function isMailKind(kind: string): kind is EmailKind {
  return (MAIL_KINDS as readonly string[]).includes(kind);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** "60 minutes", "2 hours", "1 week": whole units only, else minutes. */
export function expiresIn(minutes: number): string {
  const units: [number, string][] = [
    [10_080, 'week'],
    [1_440, 'day'],
    [60, 'hour'],
  ];
  for (const [size, name] of units) {
    if (minutes >= size && minutes % size === 0) {
      const n = minutes / size;
      return `${n} ${name}${n === 1 ? '' : 's'}`;
    }
  }
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

const PLACEHOLDER = /\{\{\s*([a-z_]+)\s*\}\}/g;

function values(message: MailMessage, project: { name: string }): Record<string, string> {
  return {
    link: message.link ?? '',
    code: message.code ?? '',
    expiration_minutes: String(message.expiration_minutes),
    expires_in: expiresIn(message.expiration_minutes),
    email: message.to,
    organization_name: message.organization_name ?? '',
    project_name: project.name,
  };
}

/** Replaces the known placeholders of `template` in one pass; `literal` and `value` map each piece. */
function fill(template: string, vals: Record<string, string>, literal: (s: string) => string, value: (name: string, v: string) => string): string {
  let out = '';
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    const name = m[1]!;
    if (!Object.hasOwn(vals, name)) continue;
    out += literal(template.slice(last, m.index)) + value(name, vals[name]!);
    last = m.index + m[0].length;
  }
  return out + literal(template.slice(last));
}

const paragraphs = (html: string) =>
  html
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => `<p>${p.replace(/\n/g, '<br>\n')}</p>`)
    .join('\n');

/** A whole HTML document around a body (the built-ins' and text-derived HTML share it). */
const htmlDocument = (title: string, body: string) =>
  `<!doctype html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n` +
  `<body style="font-family: system-ui, sans-serif; line-height: 1.5; max-width: 36em;">\n${body}\n</body></html>\n`;

/** The HTML part of a template without one: the plain text escaped, in paragraphs, the link clickable. */
function htmlFromText(text: string, vals: Record<string, string>, subject: string): string {
  const body = fill(
    text,
    vals,
    (s) => escapeHtml(s),
    (name, v) => (name === 'link' && v !== '' ? `<a href="${escapeHtml(v)}">${escapeHtml(v)}</a>` : escapeHtml(v)),
  );
  return htmlDocument(subject, paragraphs(body));
}

export function renderMail(message: MailMessage, template: MailTemplate | null, project: { name: string }): RenderedMail {
  // B2B mail names the organization, when the message has one (discovery mail has none).
  const t = template ?? builtinTemplate(message.kind, message.vertical === 'b2b' && message.organization_name ? 'b2b' : 'consumer');
  const vals = values(message, project);
  const plain = (s: string) => s;
  // A header never spans lines: a newline in a template or a value must not start a new header.
  const subject = fill(t.subject, vals, plain, (_n, v) => v)
    .replace(/[\r\n]+/g, ' ')
    .trim();
  const text = fill(t.text, vals, plain, (_n, v) => v);
  const html = t.html === null ? htmlFromText(t.text, vals, subject) : fill(t.html, vals, plain, (_n, v) => escapeHtml(v));
  return { subject, text, html };
}

/**
 * Which template a message uses: the one it names (`login_template_id` & co.) when the project has it for
 * the message's kind, else the project's default for the kind (template_id = kind name), else null (the
 * built-in). Decision (UNVERIFIED): Stytch refuses an unknown template id when the request is made; the
 * flows here only record the id, so a template that is unknown (or of another kind) when the message is
 * rendered falls back rather than losing the mail.
 */
export function pickTemplate(message: MailMessage, byId: (templateId: string) => MailTemplateRecord | null | undefined): MailTemplateRecord | null {
  if (message.template_id) {
    const named = byId(message.template_id);
    if (named && named.kind === message.kind) return named;
  }
  const fallback = byId(message.kind);
  return fallback && fallback.kind === message.kind ? fallback : null;
}

/**
 * The built-in template of a kind, worded for consumer or B2B mail. SMS and WhatsApp messages are one line
 * of plain text (the subject only labels them in the outbox; the HTML part is derived from the text).
 */
export function builtinTemplate(kind: MailKind, vertical: MailMessage['vertical']): MailTemplate {
  const org = vertical === 'b2b' ? '{{organization_name}}' : '{{project_name}}';
  const ignore = kind === 'invite' ? 'If you did not expect this invitation, you can ignore this email.' : 'If you did not ask for this, you can ignore this email.';
  const linkMail = (subject: string, intro: string, action: string, after: string): MailTemplate => ({
    subject,
    text: `Hello,\n\n${intro}\n\n{{link}}\n\n${after}\n\n${ignore}\n`,
    html: htmlDocument(
      subject,
      `<p>Hello,</p>\n<p>${intro}</p>\n` +
        `<p><a href="{{link}}" style="display: inline-block; padding: 0.6em 1.2em; background: #1a56db; color: #fff; text-decoration: none; border-radius: 4px;">${action}</a></p>\n` +
        `<p style="font-size: 0.9em; color: #555;">Or paste this link into your browser: <a href="{{link}}">{{link}}</a></p>\n` +
        `<p>${after}</p>\n<p style="color: #555;">${ignore}</p>`,
    ),
  });
  switch (kind) {
    case 'sms_otp':
    case 'whatsapp_otp':
      return {
        subject: `Your ${org} code is {{code}}`,
        text: `{{code}} is your ${org} verification code. It expires in {{expires_in}}. Do not share it.\n`,
        html: null,
      };
    case 'login':
      return linkMail(`Your login link for ${org}`, `Follow this link to log in to ${org}:`, 'Log in', 'The link works once and expires in {{expires_in}} ({{expiration_minutes}} minutes).');
    case 'signup':
      return linkMail(`Finish signing up for ${org}`, `Follow this link to finish creating your ${org} account:`, 'Sign up', 'The link works once and expires in {{expires_in}} ({{expiration_minutes}} minutes).');
    case 'invite':
      return linkMail(`You are invited to ${org}`, `You have been invited to join ${org}. Follow this link to accept:`, 'Accept the invitation', 'The link works once and expires in {{expires_in}} ({{expiration_minutes}} minutes).');
    case 'password_reset':
      return linkMail(`Reset your ${org} password`, `Follow this link to choose a new password for {{email}}:`, 'Reset password', 'The link works once and expires in {{expires_in}} ({{expiration_minutes}} minutes).');
    case 'discovery':
      return linkMail('Log in to {{project_name}}', 'Follow this link to see the organizations you can log in to:', 'Continue', 'The link works once and expires in {{expires_in}} ({{expiration_minutes}} minutes).');
    case 'email_otp': {
      const subject = `Your ${org} code is {{code}}`;
      const after = `The code works once and expires in {{expires_in}} ({{expiration_minutes}} minutes).`;
      return {
        subject,
        text: `Hello,\n\nYour one-time code for ${org} is:\n\n{{code}}\n\n${after}\n\n${ignore}\n`,
        html: htmlDocument(
          subject,
          `<p>Hello,</p>\n<p>Your one-time code for ${org} is:</p>\n` +
            `<p style="font-size: 1.8em; font-weight: bold; letter-spacing: 0.2em;">{{code}}</p>\n<p>${after}</p>\n<p style="color: #555;">${ignore}</p>`,
        ),
      };
    }
  }
}
