/**
 * Storage of per-project mail templates (issue #16): a subject, a plain-text body and an optional HTML
 * body with `{{placeholders}}`, rendered by domain/mail/render.ts when a message is sent or read.
 *
 * @module
 */

export interface MailTemplateRecord {
  project_id: string;
  /**
   * The name a request's `login_template_id` (& co.) uses. A template whose id equals its kind (`login`,
   * `signup`, `invite`, `email_otp`, `password_reset`, `discovery`) is the project's default for that kind.
   */
  template_id: string;
  /** The MailKind it is written for (domain/mail/message.ts). */
  kind: string;
  subject: string;
  text: string;
  /** null: the HTML part is made from the plain text (escaped, one paragraph per blank-line block). */
  html: string | null;
  updated_at: number;
}

export interface MailTemplateStore {
  get(projectId: string, templateId: string): Promise<MailTemplateRecord | null>;
  /** The project's templates by template_id. */
  list(projectId: string): Promise<MailTemplateRecord[]>;
  /** Creates or replaces the template of that (project, template_id). */
  put(template: MailTemplateRecord): Promise<void>;
  /** True when there was one to delete. */
  delete(projectId: string, templateId: string): Promise<boolean>;
}
