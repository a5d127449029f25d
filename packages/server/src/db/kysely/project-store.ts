import type { Kysely } from 'kysely';
import type { ProjectStore } from '../../store/stores.js';
import type { ProjectRecord, SecretRecord } from '../../store/records.js';
import type { Database } from '../schema.js';

export class KyselyProjectStore implements ProjectStore {
  constructor(private readonly db: Kysely<Database>) {}

  async create(project: ProjectRecord, secret: SecretRecord, publicToken: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('projects').values(project).execute();
      await trx.insertInto('project_secrets').values(secret).execute();
      await trx
        .insertInto('public_tokens')
        .values({ public_token: publicToken, project_id: project.project_id, created_at: project.created_at })
        .execute();
    });
  }

  async get(projectId: string): Promise<ProjectRecord | null> {
    return (await this.db.selectFrom('projects').selectAll().where('project_id', '=', projectId).executeTakeFirst()) ?? null;
  }

  async list(): Promise<ProjectRecord[]> {
    return this.db.selectFrom('projects').selectAll().orderBy('created_at').orderBy('project_id').execute();
  }

  async credentials(projectId: string) {
    const project = await this.get(projectId);
    if (!project) return null;
    const rows = await this.db.selectFrom('project_secrets').select(['secret_id', 'secret_hash']).where('project_id', '=', projectId).execute();
    return { project, secretHashes: rows.map((r) => r.secret_hash), secretIds: rows.map((r) => r.secret_id) };
  }

  async addSecret(secret: SecretRecord): Promise<void> {
    await this.db.insertInto('project_secrets').values(secret).onConflict((oc) => oc.column('secret_hash').doNothing()).execute();
  }

  async secrets(projectId: string): Promise<Omit<SecretRecord, 'secret_hash'>[]> {
    const rows = await this.db
      .selectFrom('project_secrets')
      .select(['secret_id', 'project_id', 'last_four', 'created_at'])
      .where('project_id', '=', projectId)
      .orderBy('created_at')
      .orderBy('secret_id')
      .execute();
    return rows.map((r) => ({ ...r, created_at: Number(r.created_at) }));
  }

  async removeSecret(projectId: string, secretId: string): Promise<'removed' | 'last' | 'not_found'> {
    return this.db.transaction().execute(async (trx) => {
      // A no-op update of the project's row first: it serialises removals of one project's secrets on both
      // databases (PostgreSQL's row lock; SQLite's write lock), so two in parallel cannot each see two
      // secrets and leave none.
      await trx.updateTable('projects').set((eb) => ({ name: eb.ref('name') })).where('project_id', '=', projectId).execute();
      const rows = await trx.selectFrom('project_secrets').select('secret_id').where('project_id', '=', projectId).execute();
      if (!rows.some((r) => r.secret_id === secretId)) return 'not_found';
      if (rows.length === 1) return 'last';
      await trx.deleteFrom('project_secrets').where('project_id', '=', projectId).where('secret_id', '=', secretId).execute();
      return 'removed';
    });
  }

  async byPublicToken(publicToken: string): Promise<ProjectRecord | null> {
    const row = await this.db
      .selectFrom('public_tokens')
      .innerJoin('projects', 'projects.project_id', 'public_tokens.project_id')
      .selectAll('projects')
      .where('public_tokens.public_token', '=', publicToken)
      .executeTakeFirst();
    return row ?? null;
  }

  async publicTokens(projectId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('public_tokens')
      .select('public_token')
      .where('project_id', '=', projectId)
      .orderBy('created_at')
      .execute();
    return rows.map((r) => r.public_token);
  }

  async addPublicToken(projectId: string, publicToken: string, now: number): Promise<void> {
    await this.db
      .insertInto('public_tokens')
      .values({ public_token: publicToken, project_id: projectId, created_at: now })
      .onConflict((oc) => oc.column('public_token').doNothing())
      .execute();
  }
}
