import { sql, type Expression, type ExpressionBuilder, type Kysely, type Selectable, type SqlBool } from 'kysely';
import type { OrganizationRecord, OrganizationSettings, RbacRole } from '../../../store/b2b-records.js';
import type { OrganizationPatch, OrganizationSearch, OrganizationSearchOperand, OrganizationStore } from '../../../store/b2b-stores.js';
import type { Database, OrganizationsTable } from '../../schema.js';
import { parseJson, toJson } from '../json.js';
import { FALSE, TRUE, combine, keysetSearch, likeEscape } from '../sql-search.js';
import { asB2BConflict } from './conflict.js';
import { keepRevocationsOfDeleted } from '../revocation-store.js';
import { param, prepared, type DirectRunner, type Prepared } from '../prepared.js';
import { ReadCache, throughCache, type ChangeFeed } from '../read-cache.js';

type Db = Kysely<Database>;
type OrgEb = ExpressionBuilder<Database, 'organizations'>;

function toRecord(r: Selectable<OrganizationsTable>): OrganizationRecord {
  return {
    organization_id: r.organization_id,
    project_id: r.project_id,
    organization_name: r.organization_name,
    organization_slug: r.organization_slug,
    organization_external_id: r.organization_external_id,
    organization_logo_url: r.organization_logo_url,
    trusted_metadata: parseJson(r.trusted_metadata),
    settings: parseJson<OrganizationSettings>(r.settings),
    email_allowed_domains: parseJson<string[]>(r.email_allowed_domains),
    claimed_email_domains: parseJson<string[]>(r.claimed_email_domains),
    custom_roles: parseJson<RbacRole[]>(r.custom_roles),
    created_at: Number(r.created_at),
    updated_at: Number(r.updated_at),
  };
}

const JSON_COLUMNS = ['trusted_metadata', 'settings', 'email_allowed_domains', 'claimed_email_domains', 'custom_roles'] as const;

function toColumns(patch: OrganizationPatch): Partial<OrganizationsTable> {
  const set: Partial<OrganizationsTable> = { updated_at: patch.updated_at };
  if (patch.organization_name !== undefined) set.organization_name = patch.organization_name;
  if (patch.organization_slug !== undefined) set.organization_slug = patch.organization_slug;
  if (patch.organization_external_id !== undefined) set.organization_external_id = patch.organization_external_id;
  if (patch.organization_logo_url !== undefined) set.organization_logo_url = patch.organization_logo_url;
  for (const c of JSON_COLUMNS) if (patch[c] !== undefined) set[c] = toJson(patch[c]);
  return set;
}

/** A domain list holds lower-case domains as JSON text: `["a.com","b.com"]`; match one as `"a.com"`. */
const domainIn = (column: Expression<string>, domain: string) => sql<SqlBool>`${column} like ${likeEscape(`"${domain}"`)} escape '\\'`;

function domainsExpr(eb: OrgEb, column: 'email_allowed_domains' | 'claimed_email_domains', domains: string[]): Expression<SqlBool> {
  return domains.length ? eb.or(domains.map((d) => domainIn(eb.ref(column), d))) : FALSE;
}

function operandExpr(eb: OrgEb, op: OrganizationSearchOperand): Expression<SqlBool> {
  const memberExists = (cond: (m: ExpressionBuilder<Database, 'members'>) => Expression<SqlBool>) =>
    eb.exists(
      eb
        .selectFrom('members')
        .select('member_id')
        .whereRef('members.organization_id', '=', 'organizations.organization_id')
        .where('members.status', '<>', 'deleted')
        .where(cond),
    );
  const fuzzy = (ref: Expression<string>, value: string) => sql<SqlBool>`lower(${ref}) like ${likeEscape(value)} escape '\\'`;
  switch (op.kind) {
    case 'organization_ids':
      return op.values.length ? eb('organizations.organization_id', 'in', op.values) : FALSE;
    case 'organization_slugs':
      return op.values.length ? eb('organizations.organization_slug', 'in', op.values) : FALSE;
    case 'organization_name_fuzzy':
      return fuzzy(eb.ref('organizations.organization_name'), op.value);
    case 'organization_slug_fuzzy':
      return fuzzy(eb.ref('organizations.organization_slug'), op.value);
    case 'member_emails':
      return op.values.length ? memberExists((m) => m('members.email_address', 'in', op.values.map((v) => v.toLowerCase()))) : FALSE;
    case 'member_email_fuzzy':
      return memberExists((m) => fuzzy(m.ref('members.email_address'), op.value));
    case 'allowed_domains':
      return domainsExpr(eb, 'email_allowed_domains', op.values);
    case 'allowed_domain_fuzzy':
      // A quote or comma would match across the JSON text; no domain contains one.
      return /["',]/.test(op.value) ? FALSE : fuzzy(eb.ref('organizations.email_allowed_domains'), op.value);
    case 'claimed_email_domains':
      return domainsExpr(eb, 'claimed_email_domains', op.values);
    case 'never':
      return FALSE;
    case 'always':
      return TRUE;
  }
}

export class KyselyOrganizationStore implements OrganizationStore {
  /** By id, compiled once: every member-session authenticate reads its organization this way. */
  readonly #byId: Prepared<Selectable<OrganizationsTable>>;
  /** Organizations by id, when the database reports its changes (SQLite; read-cache.ts). */
  readonly #cache: ReadCache<OrganizationRecord> | undefined;

  constructor(
    private readonly db: Db,
    direct?: DirectRunner,
    changes?: ChangeFeed,
  ) {
    this.#cache = changes && new ReadCache(changes, ['organizations']);
    this.#byId = prepared(
      db,
      () => db.selectFrom('organizations').selectAll().where('project_id', '=', param('project')).where('organization_id', '=', param('id')),
      direct,
    );
  }

  async insert(org: OrganizationRecord): Promise<void> {
    // A full record is a patch of every column; the keys are added to it.
    const row = { ...toColumns(org), organization_id: org.organization_id, project_id: org.project_id, created_at: org.created_at } as OrganizationsTable;
    try {
      await this.db.insertInto('organizations').values(row).execute();
    } catch (err) {
      throw asB2BConflict(err);
    }
  }

  async get(projectId: string, ref: string): Promise<OrganizationRecord | null> {
    // An id match wins over a slug or external id (below), so an id found by the compiled query is the answer.
    const byId = await throughCache(this.#cache, projectId, ref, async () => {
      const [row] = await this.#byId.execute({ project: projectId, id: ref });
      return row ? toRecord(row) : null;
    });
    if (byId) return byId;
    const row = await this.db
      .selectFrom('organizations')
      .selectAll()
      .where('project_id', '=', projectId)
      .where((eb) => eb.or([eb('organization_id', '=', ref), eb('organization_slug', '=', ref), eb('organization_external_id', '=', ref)]))
      // An id names its organization even if another one uses that text as slug or external id.
      .orderBy(sql`case when organization_id = ${ref} then 0 when organization_slug = ${ref} then 1 else 2 end`)
      .limit(1)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async getMany(projectId: string, organizationIds: string[]): Promise<OrganizationRecord[]> {
    if (organizationIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('organizations')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('organization_id', 'in', organizationIds)
      .orderBy('created_at')
      .orderBy('organization_id')
      .execute();
    return rows.map(toRecord);
  }

  async update(projectId: string, organizationId: string, patch: OrganizationPatch): Promise<OrganizationRecord | null> {
    try {
      await this.db.updateTable('organizations').set(toColumns(patch)).where('project_id', '=', projectId).where('organization_id', '=', organizationId).execute();
    } catch (err) {
      throw asB2BConflict(err);
    }
    return this.get(projectId, organizationId);
  }

  async delete(projectId: string, organizationId: string, now = Date.now()): Promise<boolean> {
    // Children first, explicitly, as the user store does: independent of foreign-key enforcement.
    return this.db.transaction().execute(async (trx) => {
      await keepRevocationsOfDeleted(trx, { table: 'member_sessions', projectId, organizationId }, now);
      await trx.deleteFrom('member_sessions').where('project_id', '=', projectId).where('organization_id', '=', organizationId).execute();
      await trx.deleteFrom('members').where('project_id', '=', projectId).where('organization_id', '=', organizationId).execute();
      const res = await trx.deleteFrom('organizations').where('project_id', '=', projectId).where('organization_id', '=', organizationId).executeTakeFirst();
      return res.numDeletedRows > 0n;
    });
  }

  async search(projectId: string, q: OrganizationSearch): Promise<{ organizations: OrganizationRecord[]; total: number }> {
    const where = (eb: OrgEb) => eb.and([eb('project_id', '=', projectId), combine(eb, q.operands.map((op) => operandExpr(eb, op)), q.operator)]);
    const { rows, total } = await keysetSearch(this.db, 'organizations', where, q.after, q.limit);
    return { organizations: rows.map(toRecord), total };
  }
}
