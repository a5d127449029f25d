/**
 * The operator's side of mail templates (`tessera project templates set|list|remove`). A template is
 * checked whole before it is stored: a known kind, a one-line subject, and the placeholder without which
 * the mail is useless (`{{link}}`, or `{{code}}` for email_otp) in the text and in the HTML.
 *
 * @module
 */
import type { MailTemplateRecord } from '../../store/mail-template-stores.js';
import type { Deps } from '../context.js';
import { ApiError } from '../errors.js';
import { MAIL_KINDS, REQUIRED_PLACEHOLDER, isMailKind } from './render.js';

export interface MailTemplateInput {
  template_id: string;
  kind: string;
  subject: string;
  text: string;
  html?: string | null;
}

const TEMPLATE_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;
const MAX_BODY = 256 * 1024;

async function requireProject(deps: Deps, projectId: string): Promise<void> {
  if (!(await deps.stores.projects.get(projectId))) throw new ApiError('project_not_found', `There is no project ${projectId.slice(0, 200)}.`);
}

const invalid = (message: string) => new ApiError('invalid_argument', message);

export async function setMailTemplate(deps: Deps, projectId: string, input: MailTemplateInput): Promise<MailTemplateRecord> {
  await requireProject(deps, projectId);
  const { template_id, kind, subject, text } = input;
  const html = input.html ?? null;
  if (!TEMPLATE_ID.test(template_id)) throw invalid('A template id is 1 to 100 letters, digits, _, - or . (starting with a letter or digit).');
  if (!isMailKind(kind)) throw invalid(`The kind must be one of ${MAIL_KINDS.join(', ')}.`);
  if (isMailKind(template_id) && template_id !== kind) {
    throw invalid(`The template "${template_id}" is the project's default for ${template_id} mail; its kind must be ${template_id}.`);
  }
  if (subject.trim() === '' || subject.length > 500 || /[\r\n]/.test(subject)) throw invalid('The subject is one line of 1 to 500 characters.');
  if (text.trim() === '' || text.length > MAX_BODY) throw invalid('The text is 1 character to 256 KiB.');
  if (html !== null && (html.trim() === '' || html.length > MAX_BODY)) throw invalid('The HTML is 1 character to 256 KiB.');
  const needed = REQUIRED_PLACEHOLDER[kind];
  const has = (s: string) => new RegExp(`\\{\\{\\s*${needed}\\s*\\}\\}`).test(s);
  if (!has(text) || (html !== null && !has(html))) throw invalid(`A ${kind} template must contain {{${needed}}} in its text and in its HTML.`);
  const record: MailTemplateRecord = { project_id: projectId, template_id, kind, subject, text, html, updated_at: deps.clock() };
  await deps.stores.mailTemplates.put(record);
  return record;
}

export async function listMailTemplates(deps: Deps, projectId: string): Promise<MailTemplateRecord[]> {
  await requireProject(deps, projectId);
  return deps.stores.mailTemplates.list(projectId);
}

export async function removeMailTemplate(deps: Deps, projectId: string, templateId: string): Promise<boolean> {
  await requireProject(deps, projectId);
  return deps.stores.mailTemplates.delete(projectId, templateId);
}
