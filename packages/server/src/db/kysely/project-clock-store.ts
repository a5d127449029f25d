import { sql, type Kysely } from 'kysely';
import type { ProjectClockStore } from '../../store/stores.js';
import type { Database } from '../schema.js';

/** The test clock's offsets (issue #16): one row per project that was ever advanced. */
export class KyselyProjectClockStore implements ProjectClockStore {
  constructor(private readonly db: Kysely<Database>) {}

  async get(projectId: string): Promise<number> {
    const row = await this.db.selectFrom('project_clocks').select('offset_ms').where('project_id', '=', projectId).executeTakeFirst();
    // `pg` hands BIGINT back as a string unless a type parser says otherwise.
    return row ? Number(row.offset_ms) : 0;
  }

  async advance(projectId: string, byMs: number, now: number): Promise<number> {
    // One statement: two advances at once (server and CLI) add up instead of one overwriting the other.
    const row = await this.db
      .insertInto('project_clocks')
      .values({ project_id: projectId, offset_ms: byMs, updated_at: now })
      .onConflict((oc) =>
        oc.column('project_id').doUpdateSet({ offset_ms: sql<number>`project_clocks.offset_ms + excluded.offset_ms`, updated_at: now }),
      )
      .returning('offset_ms')
      .executeTakeFirstOrThrow();
    return Number(row.offset_ms);
  }

  async reset(projectId: string, now: number): Promise<void> {
    await this.db
      .insertInto('project_clocks')
      .values({ project_id: projectId, offset_ms: 0, updated_at: now })
      .onConflict((oc) => oc.column('project_id').doUpdateSet({ offset_ms: 0, updated_at: now }))
      .execute();
  }
}
