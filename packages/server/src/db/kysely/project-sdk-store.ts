import type { Kysely } from 'kysely';
import { DEFAULT_SDK_SETTINGS, type ProjectSdkStore, type SdkSettings } from '../../store/sdk-stores.js';
import type { Database } from '../schema.js';

export class KyselyProjectSdkStore implements ProjectSdkStore {
  constructor(private readonly db: Kysely<Database>) {}

  async origins(projectId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('project_origins').select('origin').where('project_id', '=', projectId).orderBy('created_at').orderBy('origin').execute();
    return rows.map((r) => r.origin);
  }

  async addOrigin(projectId: string, origin: string, now: number): Promise<boolean> {
    const r = await this.db
      .insertInto('project_origins')
      .values({ project_id: projectId, origin, created_at: now })
      .onConflict((oc) => oc.columns(['project_id', 'origin']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async removeOrigin(projectId: string, origin: string): Promise<boolean> {
    const r = await this.db.deleteFrom('project_origins').where('project_id', '=', projectId).where('origin', '=', origin).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async originListed(origin: string): Promise<boolean> {
    return (await this.db.selectFrom('project_origins').select('project_id').where('origin', '=', origin).limit(1).executeTakeFirst()) !== undefined;
  }

  async settings(projectId: string): Promise<SdkSettings> {
    const row = await this.db.selectFrom('project_sdk_settings').selectAll().where('project_id', '=', projectId).executeTakeFirst();
    return row ? { http_only_cookies: row.http_only_cookies === 1, vertical: row.vertical } : { ...DEFAULT_SDK_SETTINGS };
  }

  async updateSettings(projectId: string, patch: Partial<SdkSettings>, now: number): Promise<SdkSettings> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('project_sdk_settings').selectAll().where('project_id', '=', projectId).executeTakeFirst();
      const current: SdkSettings = row ? { http_only_cookies: row.http_only_cookies === 1, vertical: row.vertical } : { ...DEFAULT_SDK_SETTINGS };
      const next = { ...current, ...patch };
      const values = { http_only_cookies: next.http_only_cookies ? 1 : 0, vertical: next.vertical, updated_at: now };
      await trx
        .insertInto('project_sdk_settings')
        .values({ project_id: projectId, ...values })
        .onConflict((oc) => oc.column('project_id').doUpdateSet(values))
        .execute();
      return next;
    });
  }
}
