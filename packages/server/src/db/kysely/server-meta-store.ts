import type { Kysely } from 'kysely';
import type { ServerMetaStore } from '../../store/stores.js';
import type { Database } from '../schema.js';

export class KyselyServerMetaStore implements ServerMetaStore {
  constructor(private readonly db: Kysely<Database>) {}

  async get(name: string): Promise<string | null> {
    const row = await this.db.selectFrom('server_meta').select('value').where('name', '=', name).executeTakeFirst();
    return row?.value ?? null;
  }

  async putIfAbsent(name: string, value: string): Promise<string> {
    await this.db.insertInto('server_meta').values({ name, value }).onConflict((oc) => oc.column('name').doNothing()).execute();
    return (await this.get(name))!;
  }
}
