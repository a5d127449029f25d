import type { Kysely } from 'kysely';
import type { RbacPolicy } from '../../../store/b2b-records.js';
import type { RbacPolicyStore } from '../../../store/b2b-stores.js';
import type { Database } from '../../schema.js';
import { parseJson, toJson } from '../json.js';

export class KyselyRbacPolicyStore implements RbacPolicyStore {
  constructor(private readonly db: Kysely<Database>) {}

  async get(projectId: string): Promise<RbacPolicy | null> {
    const row = await this.db.selectFrom('rbac_policies').select('policy').where('project_id', '=', projectId).executeTakeFirst();
    return row ? parseJson<RbacPolicy>(row.policy) : null;
  }

  async set(projectId: string, policy: RbacPolicy, now: number): Promise<void> {
    await this.db
      .insertInto('rbac_policies')
      .values({ project_id: projectId, policy: toJson(policy), updated_at: now })
      .onConflict((oc) => oc.column('project_id').doUpdateSet({ policy: toJson(policy), updated_at: now }))
      .execute();
  }
}
