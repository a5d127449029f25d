import type { Kysely } from 'kysely';
import type { KeyStore } from '../../store/stores.js';
import type { SigningKeyRecord } from '../../store/records.js';
import type { Database } from '../schema.js';
import { parseJson, toJson } from './json.js';

export class KyselyKeyStore implements KeyStore {
  constructor(private readonly db: Kysely<Database>) {}

  async list(projectId: string): Promise<SigningKeyRecord[]> {
    const rows = await this.db
      .selectFrom('signing_keys')
      .selectAll()
      .where('project_id', '=', projectId)
      .orderBy('activates_at')
      .orderBy('created_at')
      .execute();
    return rows.map((r) => ({ ...r, public_jwk: parseJson(r.public_jwk) }));
  }

  async insert(key: SigningKeyRecord): Promise<void> {
    await this.db.insertInto('signing_keys').values({ ...key, public_jwk: toJson(key.public_jwk) }).execute();
  }
}
