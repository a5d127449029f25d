import type { Kysely } from 'kysely';
import type { RateLimitStore } from '../../store/email-stores.js';
import type { Database } from '../schema.js';

export class KyselyRateLimitStore implements RateLimitStore {
  constructor(private readonly db: Kysely<Database>) {}

  async hit(projectId: string, bucket: string, windowStart: number): Promise<number> {
    // One UPSERT: a new window resets the count, the current one adds to it (SET reads the old row).
    const row = await this.db
      .insertInto('rate_limits')
      .values({ project_id: projectId, bucket, window_start: windowStart, count: 1 })
      .onConflict((oc) =>
        oc.columns(['project_id', 'bucket']).doUpdateSet((eb) => ({
          count: eb.case().when('rate_limits.window_start', '=', eb.ref('excluded.window_start')).then(eb('rate_limits.count', '+', 1)).else(1).end(),
          window_start: eb.ref('excluded.window_start'),
        })),
      )
      .returning('count')
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }
}
