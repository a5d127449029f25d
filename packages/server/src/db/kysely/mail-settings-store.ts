import type { Kysely } from 'kysely';
import { NO_MAIL_SETTINGS, type MailSettings, type MailSettingsStore } from '../../store/email-stores.js';
import type { Database } from '../schema.js';

const FIELDS = Object.keys(NO_MAIL_SETTINGS) as (keyof MailSettings)[];

export class KyselyMailSettingsStore implements MailSettingsStore {
  constructor(private readonly db: Kysely<Database>) {}

  async get(projectId: string): Promise<MailSettings> {
    const row = await this.db.selectFrom('project_mail_settings').select(FIELDS).where('project_id', '=', projectId).executeTakeFirst();
    return row ? { ...row } : { ...NO_MAIL_SETTINGS };
  }

  async update(projectId: string, patch: Partial<MailSettings>, now: number): Promise<MailSettings> {
    const changes: Partial<MailSettings> = {};
    for (const f of FIELDS) if (patch[f] !== undefined) changes[f] = patch[f];
    await this.db
      .insertInto('project_mail_settings')
      .values({ ...NO_MAIL_SETTINGS, ...changes, project_id: projectId, updated_at: now })
      .onConflict((oc) => oc.column('project_id').doUpdateSet({ ...changes, updated_at: now }))
      .execute();
    return this.get(projectId);
  }
}
