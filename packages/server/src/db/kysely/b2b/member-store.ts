import { sql, type Expression, type ExpressionBuilder, type Kysely, type Selectable, type SqlBool } from 'kysely';
import type { MemberRecord } from '../../../store/b2b-records.js';
import type { LockoutState } from '../../../store/records.js';
import type { MemberPatch, MemberSearch, MemberSearchOperand, MemberStore } from '../../../store/b2b-stores.js';
import type { Database, MembersTable } from '../../schema.js';
import { parseJson, toJson } from '../json.js';
import { compareAndSetLockout, lockoutFromRow, lockoutState, passwordColumns, passwordFromRow, upgradePasswordHash } from '../lockout.js';
import { revokeAllRows } from '../session-rows.js';
import { FALSE, TRUE, combine, keysetSearch, likeEscape } from '../sql-search.js';
import { asB2BConflict } from './conflict.js';
import { param, prepared, type DirectRunner, type Prepared } from '../prepared.js';
import { ReadCache, throughCache, type ChangeFeed } from '../read-cache.js';

type Db = Kysely<Database>;
type MemberEb = ExpressionBuilder<Database, 'members'>;

const bit = (b: boolean) => (b ? 1 : 0);

function toRecord(r: Selectable<MembersTable>): MemberRecord {
  return {
    member_id: r.member_id,
    project_id: r.project_id,
    organization_id: r.organization_id,
    email_address: r.email_address,
    status: r.status,
    name: r.name,
    external_id: r.external_id,
    trusted_metadata: parseJson(r.trusted_metadata),
    untrusted_metadata: parseJson(r.untrusted_metadata),
    roles: parseJson<string[]>(r.roles),
    is_breakglass: r.is_breakglass === 1,
    mfa_enrolled: r.mfa_enrolled === 1,
    mfa_phone_number: r.mfa_phone_number,
    mfa_phone_number_verified: r.mfa_phone_number_verified === 1,
    default_mfa_method: r.default_mfa_method,
    email_address_verified: r.email_address_verified === 1,
    password: passwordFromRow(r),
    ...lockoutFromRow(r),
    created_at: Number(r.created_at),
    updated_at: Number(r.updated_at),
  };
}

function toColumns(p: MemberPatch): Partial<MembersTable> {
  const set: Partial<MembersTable> = { updated_at: p.updated_at };
  for (const k of ['name', 'email_address', 'external_id', 'mfa_phone_number', 'default_mfa_method', 'status'] as const) {
    if (p[k] !== undefined) Object.assign(set, { [k]: p[k] });
  }
  for (const k of ['trusted_metadata', 'untrusted_metadata', 'roles'] as const) if (p[k] !== undefined) set[k] = toJson(p[k]);
  for (const k of ['is_breakglass', 'mfa_enrolled', 'email_address_verified'] as const) if (p[k] !== undefined) set[k] = bit(p[k]);
  if (p.password !== undefined) Object.assign(set, passwordColumns(p.password));
  return set;
}

function toRow(m: MemberRecord): MembersTable {
  return {
    ...(toColumns(m) as Omit<MembersTable, 'member_id' | 'project_id' | 'organization_id' | 'created_at'>),
    member_id: m.member_id,
    project_id: m.project_id,
    organization_id: m.organization_id,
    mfa_phone_number_verified: bit(m.mfa_phone_number_verified),
    failed_attempts: m.failed_attempts,
    failed_window_started_at: m.failed_window_started_at,
    lock_created_at: m.lock_created_at,
    lock_expires_at: m.lock_expires_at,
    created_at: m.created_at,
  };
}

function operandExpr(eb: MemberEb, op: MemberSearchOperand): Expression<SqlBool> {
  const like = (ref: Expression<string>, value: string) => sql<SqlBool>`lower(${ref}) like ${likeEscape(value)} escape '\\'`;
  const oneOf = (column: 'member_id' | 'email_address' | 'status' | 'mfa_phone_number', values: string[]) =>
    values.length ? eb(`members.${column}`, 'in', values) : FALSE;
  switch (op.kind) {
    case 'member_ids':
      return oneOf('member_id', op.values);
    case 'member_emails':
      return oneOf('email_address', op.values.map((v) => v.toLowerCase()));
    case 'member_email_fuzzy':
      return like(eb.ref('members.email_address'), op.value);
    case 'member_is_breakglass':
      return eb('members.is_breakglass', '=', bit(op.value));
    case 'statuses':
      return oneOf('status', op.values);
    case 'member_phone_numbers':
      return oneOf('mfa_phone_number', op.values);
    case 'member_phone_number_fuzzy':
      return like(eb.ref('members.mfa_phone_number'), op.value);
    case 'member_roles':
      // Explicit roles are JSON text (`["editor"]`); every member has stytch_member.
      return op.values.includes('stytch_member')
        ? TRUE
        : op.values.length
          ? eb.or(op.values.map((r) => sql<SqlBool>`${eb.ref('members.roles')} like ${likeEscape(JSON.stringify(r))} escape '\\'`))
          : FALSE;
    case 'member_password_exists':
      return op.value ? eb('members.password_id', 'is not', null) : eb('members.password_id', 'is', null);
  }
}

export class KyselyMemberStore implements MemberStore {
  /** By id, compiled once: every member-session authenticate reads its member this way. */
  readonly #byId: Prepared<Selectable<MembersTable>>;
  /** Members by id, when the database reports its changes (SQLite; read-cache.ts). */
  readonly #cache: ReadCache<MemberRecord> | undefined;

  constructor(
    private readonly db: Db,
    direct?: DirectRunner,
    changes?: ChangeFeed,
  ) {
    this.#cache = changes && new ReadCache(changes, ['members']);
    this.#byId = prepared(db, () => db.selectFrom('members').selectAll().where('project_id', '=', param('project')).where('member_id', '=', param('id')), direct);
  }

  async insert(member: MemberRecord): Promise<void> {
    try {
      await this.db.insertInto('members').values(toRow(member)).execute();
    } catch (err) {
      throw asB2BConflict(err);
    }
  }

  async get(projectId: string, organizationId: string, ref: string, opts: { includeDeleted?: boolean } = {}): Promise<MemberRecord | null> {
    let q = this.db
      .selectFrom('members')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('organization_id', '=', organizationId)
      .where((eb) => eb.or([eb('member_id', '=', ref), eb('external_id', '=', ref)]));
    if (!opts.includeDeleted) q = q.where('status', '<>', 'deleted');
    // The member_id match first; deleted members can share an external id with a live one.
    const row = await q.orderBy(sql`case when member_id = ${ref} then 0 when status <> 'deleted' then 1 else 2 end`).limit(1).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async byEmail(projectId: string, organizationId: string, email: string): Promise<MemberRecord | null> {
    const row = await this.db
      .selectFrom('members')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('organization_id', '=', organizationId)
      .where('email_address', '=', email.toLowerCase())
      .where('status', '<>', 'deleted')
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  byId(projectId: string, memberId: string): Promise<MemberRecord | null> {
    return throughCache(this.#cache, projectId, memberId, async () => {
      const [row] = await this.#byId.execute({ project: projectId, id: memberId });
      return row ? toRecord(row) : null;
    });
  }

  async update(projectId: string, memberId: string, patch: MemberPatch, opts: { revokeSessionsAt?: number } = {}): Promise<MemberRecord | null> {
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx.updateTable('members').set(toColumns(patch)).where('project_id', '=', projectId).where('member_id', '=', memberId).execute();
        if (opts.revokeSessionsAt !== undefined) await revokeAllRows(trx, 'member_sessions', projectId, memberId, opts.revokeSessionsAt);
      });
    } catch (err) {
      throw asB2BConflict(err);
    }
    return this.byId(projectId, memberId);
  }

  async search(projectId: string, q: MemberSearch): Promise<{ members: MemberRecord[]; total: number }> {
    const where = (eb: MemberEb) =>
      eb.and([
        eb('project_id', '=', projectId),
        eb('organization_id', 'in', q.organizationIds),
        q.includeDeleted ? TRUE : eb('status', '<>', 'deleted'),
        combine(eb, q.operands.map((op) => operandExpr(eb, op)), q.operator),
      ]);
    const { rows, total } = await keysetSearch(this.db, 'members', where, q.after, q.limit);
    return { members: rows.map(toRecord), total };
  }

  async count(projectId: string, organizationId: string): Promise<number> {
    const row = await this.db
      .selectFrom('members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('project_id', '=', projectId)
      .where('organization_id', '=', organizationId)
      .where('status', '<>', 'deleted')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  lockoutState(projectId: string, memberId: string): Promise<LockoutState | null> {
    return lockoutState(this.db, 'members', projectId, memberId);
  }

  compareAndSetLockout(projectId: string, memberId: string, expected: LockoutState, next: LockoutState): Promise<boolean> {
    return compareAndSetLockout(this.db, 'members', projectId, memberId, expected, next);
  }

  upgradePasswordHash(projectId: string, memberId: string, previous: string, next: string): Promise<void> {
    return upgradePasswordHash(this.db, 'members', projectId, memberId, previous, next);
  }
}
