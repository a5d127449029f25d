import type { Kysely, Selectable } from 'kysely';
import type { MailTemplateRecord, MailTemplateStore } from '../../store/mail-template-stores.js';
import type { Database, MailTemplatesTable } from '../schema.js';

const toRecord = (row: Selectable<MailTemplatesTable>): MailTemplateRecord => ({ ...row, updated_at: Number(row.updated_at) });

export class KyselyMailTemplateStore implements MailTemplateStore {
  constructor(private readonly db: Kysely<Database>) {}

  async get(projectId: string, templateId: string): Promise<MailTemplateRecord | null> {
    const row = await this.db
      .selectFrom('mail_templates')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('template_id', '=', templateId)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async list(projectId: string): Promise<MailTemplateRecord[]> {
    const rows = await this.db.selectFrom('mail_templates').selectAll().where('project_id', '=', projectId).orderBy('template_id').execute();
    return rows.map(toRecord);
  }

  async put(t: MailTemplateRecord): Promise<void> {
    const { kind, subject, text, html, updated_at } = t;
    await this.db
      .insertInto('mail_templates')
      .values(t)
      .onConflict((oc) => oc.columns(['project_id', 'template_id']).doUpdateSet({ kind, subject, text, html, updated_at }))
      .execute();
  }

  async delete(projectId: string, templateId: string): Promise<boolean> {
    const result = await this.db.deleteFrom('mail_templates').where('project_id', '=', projectId).where('template_id', '=', templateId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
