import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool, type Selectable } from 'kysely';
import type { NewUser, UserPatch, UserSearch, UserSearchOperand, UserStore } from '../../store/stores.js';
import type { LockoutState } from '../../store/records.js';
import type { EmailRecord, PasswordRecord, PhoneRecord, UserRecord } from '../../store/records.js';
import type { Database, UsersTable } from '../schema.js';
import { asConflict } from './conflict.js';
import { CLEAR_LOCKOUT_COLUMNS, compareAndSetLockout, lockoutFromRow, lockoutState, passwordColumns, passwordFromRow, upgradePasswordHash } from './lockout.js';
import { FALSE, TRUE, combine, keysetSearch, likeEscape } from './sql-search.js';
import { param, prepared, type DirectRunner, type Prepared } from './prepared.js';
import { revokeAllRows } from './session-rows.js';
import { keepRevocationsOfDeleted } from './revocation-store.js';
import { parseJson, toJson } from './json.js';
import { ReadCache, throughCache, type ChangeFeed } from './read-cache.js';

type Db = Kysely<Database>;
type UsersEb = ExpressionBuilder<Database, 'users'>;

function toUserRow(user: NewUser['user']): UsersTable {
  return {
    user_id: user.user_id,
    project_id: user.project_id,
    external_id: user.external_id,
    status: user.status,
    first_name: user.name.first_name,
    middle_name: user.name.middle_name,
    last_name: user.name.last_name,
    trusted_metadata: toJson(user.trusted_metadata),
    untrusted_metadata: toJson(user.untrusted_metadata),
    roles: toJson(user.roles),
    created_at: user.created_at,
    ...passwordColumns(user.password),
    failed_attempts: user.failed_attempts,
    failed_window_started_at: user.failed_window_started_at,
    lock_created_at: user.lock_created_at,
    lock_expires_at: user.lock_expires_at,
  };
}

type EmailRow = Selectable<Database['user_emails']>;
type ContactRow = { kind: 'email' | 'phone'; id: string; value: string; verified: number; created_at: number; user_id: string };
type PhoneRow = Selectable<Database['user_phones']>;

/** Loads emails and phones for many users with two queries, keeping the users' order. */
async function hydrate(db: Db, rows: Selectable<UsersTable>[]): Promise<UserRecord[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.user_id);
  const [emails, phones] = await Promise.all([
    db.selectFrom('user_emails').selectAll().where('user_id', 'in', ids).orderBy('created_at').orderBy('email_id').execute(),
    db.selectFrom('user_phones').selectAll().where('user_id', 'in', ids).orderBy('created_at').orderBy('phone_id').execute(),
  ]);
  return rows.map((r) => toUserRecord(r, emails, phones));
}

// Field by field rather than with object spread on the authenticate path: see sessionRecord in session-rows.ts.
function toUserRecord(r: Selectable<UsersTable>, emails: EmailRow[], phones: PhoneRow[]): UserRecord {
  const lockout = lockoutFromRow(r);
  return {
    user_id: r.user_id,
    project_id: r.project_id,
    external_id: r.external_id,
    status: r.status,
    name: { first_name: r.first_name, middle_name: r.middle_name, last_name: r.last_name },
    trusted_metadata: parseJson(r.trusted_metadata),
    untrusted_metadata: parseJson(r.untrusted_metadata),
    roles: parseJson<string[]>(r.roles),
    created_at: Number(r.created_at),
    password: passwordFromRow(r),
    failed_attempts: lockout.failed_attempts,
    failed_window_started_at: lockout.failed_window_started_at,
    lock_created_at: lockout.lock_created_at,
    lock_expires_at: lockout.lock_expires_at,
    emails: emails
      .filter((e) => e.user_id === r.user_id)
      .map((e) => ({ email_id: e.email_id, email: e.email, verified: e.verified === 1, created_at: Number(e.created_at) })),
    phones: phones
      .filter((p) => p.user_id === r.user_id)
      .map((p) => ({ phone_id: p.phone_id, phone_number: p.phone_number, verified: p.verified === 1, created_at: Number(p.created_at) })),
  };
}

function operandExpr(eb: UsersEb, op: UserSearchOperand): Expression<SqlBool> {
  const emailExists = (cond: (e: ExpressionBuilder<Database, 'user_emails'>) => Expression<SqlBool>) =>
    eb.exists(eb.selectFrom('user_emails').select('email_id').whereRef('user_emails.user_id', '=', 'users.user_id').where(cond));
  const phoneExists = (cond: (e: ExpressionBuilder<Database, 'user_phones'>) => Expression<SqlBool>) =>
    eb.exists(eb.selectFrom('user_phones').select('phone_id').whereRef('user_phones.user_id', '=', 'users.user_id').where(cond));
  switch (op.kind) {
    case 'created_at': {
      const parts: Expression<SqlBool>[] = [];
      if (op.gt !== undefined) parts.push(eb('users.created_at', '>', op.gt));
      if (op.lt !== undefined) parts.push(eb('users.created_at', '<', op.lt));
      return eb.and(parts);
    }
    case 'status':
      return eb('users.status', '=', op.value);
    case 'user_ids':
      return op.values.length ? eb('users.user_id', 'in', op.values) : FALSE;
    case 'email_addresses':
      return op.values.length ? emailExists((e) => e('user_emails.email', 'in', op.values.map((v) => v.toLowerCase()))) : FALSE;
    case 'email_ids':
      return op.values.length ? emailExists((e) => e('user_emails.email_id', 'in', op.values)) : FALSE;
    case 'email_fuzzy':
      return emailExists((e) => sql<SqlBool>`lower(${e.ref('user_emails.email')}) like ${likeEscape(op.value)} escape '\\'`);
    case 'email_verified':
      return emailExists((e) => e('user_emails.verified', '=', op.value ? 1 : 0));
    case 'phone_numbers':
      return op.values.length ? phoneExists((p) => p('user_phones.phone_number', 'in', op.values)) : FALSE;
    case 'phone_ids':
      return op.values.length ? phoneExists((p) => p('user_phones.phone_id', 'in', op.values)) : FALSE;
    case 'phone_fuzzy':
      return phoneExists((p) => sql<SqlBool>`${p.ref('user_phones.phone_number')} like ${likeEscape(op.value)} escape '\\'`);
    case 'phone_verified':
      return phoneExists((p) => p('user_phones.verified', '=', op.value ? 1 : 0));
    case 'full_name_fuzzy':
      // An empty middle name must not leave a double space between first and last name.
      return sql<SqlBool>`lower(replace(${eb.ref('users.first_name')} || ' ' || ${eb.ref('users.middle_name')} || ' ' || ${eb.ref('users.last_name')}, '  ', ' ')) like ${likeEscape(op.value)} escape '\\'`;
    case 'password_exists':
      return op.value ? eb('users.password_id', 'is not', null) : eb('users.password_id', 'is', null);
    case 'never':
      return FALSE;
    case 'always':
      return TRUE;
  }
}

export class KyselyUserStore implements UserStore {
  /**
   * One user by id with its emails and phones, compiled once: every session authenticate reads it. The
   * emails and phones come in one UNION ALL (portable SQL), so a user costs two point queries, not three.
   */
  readonly #byId: { user: Prepared<Selectable<UsersTable>>; contacts: Prepared<ContactRow> };

  constructor(
    private readonly db: Db,
    direct?: DirectRunner,
    changes?: ChangeFeed,
  ) {
    this.#cache = changes && new ReadCache(changes, ['users', 'user_emails', 'user_phones']);
    this.#byId = {
      user: prepared(db, () => db.selectFrom('users').selectAll().where('project_id', '=', param('project')).where('user_id', '=', param('id')), direct),
      contacts: prepared(db, () =>
        db
          .selectFrom('user_emails')
          .select([sql<ContactRow['kind']>`'email'`.as('kind'), 'email_id as id', 'email as value', 'verified', 'created_at', 'user_id'])
          .where('user_id', '=', param('id'))
          .unionAll(
            db
              .selectFrom('user_phones')
              .select([sql<ContactRow['kind']>`'phone'`.as('kind'), 'phone_id as id', 'phone_number as value', 'verified', 'created_at', 'user_id'])
              .where('user_id', '=', param('id')),
          )
          .orderBy('created_at')
          .orderBy('id'),
        direct,
      ),
    };
  }

  async insert({ user, emails, phones }: NewUser): Promise<void> {
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx.insertInto('users').values(toUserRow(user)).execute();
        for (const e of emails) {
          await trx
            .insertInto('user_emails')
            .values({ ...e, verified: e.verified ? 1 : 0, project_id: user.project_id, user_id: user.user_id })
            .execute();
        }
        for (const p of phones) {
          await trx
            .insertInto('user_phones')
            .values({ ...p, verified: p.verified ? 1 : 0, project_id: user.project_id, user_id: user.user_id })
            .execute();
        }
      });
    } catch (err) {
      throw asConflict(err);
    }
  }

  /** Users by id, as `get` read them (frozen), when the database reports its changes (SQLite; read-cache.ts). */
  readonly #cache: ReadCache<UserRecord> | undefined;

  async #byUserId(projectId: string, id: string): Promise<UserRecord | null> {
    const values = { project: projectId, id };
    const [row] = await this.#byId.user.execute(values);
    if (!row) return null;
    const emails: EmailRow[] = [];
    const phones: PhoneRow[] = [];
    for (const c of await this.#byId.contacts.execute(values)) {
      if (c.kind === 'email') emails.push({ email_id: c.id, email: c.value, verified: c.verified, created_at: c.created_at, user_id: c.user_id, project_id: projectId });
      else phones.push({ phone_id: c.id, phone_number: c.value, verified: c.verified, created_at: c.created_at, user_id: c.user_id, project_id: projectId });
    }
    return toUserRecord(row, emails, phones);
  }

  async get(projectId: string, id: string): Promise<UserRecord | null> {
    const user = await throughCache(this.#cache, projectId, id, () => this.#byUserId(projectId, id));
    if (user) return user;
    const rows = await this.db
      .selectFrom('users')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('external_id', '=', id)
      .execute();
    return (await hydrate(this.db, rows))[0] ?? null;
  }

  async byEmail(projectId: string, email: string): Promise<UserRecord | null> {
    const rows = await this.db
      .selectFrom('users')
      .innerJoin('user_emails', 'user_emails.user_id', 'users.user_id')
      .selectAll('users')
      .where('user_emails.project_id', '=', projectId)
      .where('user_emails.email', '=', email.toLowerCase())
      .execute();
    return (await hydrate(this.db, rows))[0] ?? null;
  }

  async byPhone(projectId: string, phoneNumber: string): Promise<UserRecord | null> {
    const rows = await this.db
      .selectFrom('users')
      .innerJoin('user_phones', 'user_phones.user_id', 'users.user_id')
      .selectAll('users')
      .where('user_phones.project_id', '=', projectId)
      .where('user_phones.phone_number', '=', phoneNumber)
      .execute();
    return (await hydrate(this.db, rows))[0] ?? null;
  }

  async update(projectId: string, userId: string, patch: UserPatch): Promise<UserRecord | null> {
    const set: Partial<UsersTable> = {};
    if (patch.name) Object.assign(set, patch.name);
    if (patch.trusted_metadata) set.trusted_metadata = toJson(patch.trusted_metadata);
    if (patch.untrusted_metadata) set.untrusted_metadata = toJson(patch.untrusted_metadata);
    if (patch.external_id !== undefined) set.external_id = patch.external_id;
    if (patch.roles) set.roles = toJson(patch.roles);
    if (patch.status) set.status = patch.status;
    try {
      if (Object.keys(set).length > 0) {
        await this.db.updateTable('users').set(set).where('project_id', '=', projectId).where('user_id', '=', userId).execute();
      }
    } catch (err) {
      throw asConflict(err);
    }
    return this.get(projectId, userId);
  }

  async delete(projectId: string, userId: string, now = Date.now()): Promise<boolean> {
    // Children first, explicitly: PostgreSQL and SQLite both cascade, but this keeps it independent of
    // whether foreign keys are enforced on the connection.
    return this.db.transaction().execute(async (trx) => {
      await keepRevocationsOfDeleted(trx, { table: 'sessions', projectId, userId }, now);
      await trx.deleteFrom('sessions').where('project_id', '=', projectId).where('user_id', '=', userId).execute();
      await trx.deleteFrom('user_emails').where('project_id', '=', projectId).where('user_id', '=', userId).execute();
      await trx.deleteFrom('user_phones').where('project_id', '=', projectId).where('user_id', '=', userId).execute();
      const res = await trx.deleteFrom('users').where('project_id', '=', projectId).where('user_id', '=', userId).executeTakeFirst();
      return res.numDeletedRows > 0n;
    });
  }

  async search(projectId: string, q: UserSearch): Promise<{ users: UserRecord[]; total: number }> {
    const where = (eb: UsersEb) => eb.and([eb('project_id', '=', projectId), combine(eb, q.operands.map((op) => operandExpr(eb, op)), q.operator)]);
    const after = q.after && { created_at: q.after.created_at, id: q.after.user_id };
    const { rows, total } = await keysetSearch(this.db, 'users', where, after, q.limit);
    return { users: await hydrate(this.db, rows), total };
  }

  async setPassword(projectId: string, userId: string, password: PasswordRecord, opts: { clearLockout: boolean; revokeSessions?: { now: number; except?: string } }): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ ...passwordColumns(password), ...(opts.clearLockout ? CLEAR_LOCKOUT_COLUMNS : {}) })
        .where('project_id', '=', projectId)
        .where('user_id', '=', userId)
        .execute();
      const revoke = opts.revokeSessions;
      if (revoke) await revokeAllRows(trx, 'sessions', projectId, userId, revoke.now, revoke.except);
    });
  }

  async upgradePasswordHash(projectId: string, userId: string, previous: string, next: string): Promise<void> {
    await upgradePasswordHash(this.db, 'users', projectId, userId, previous, next);
  }

  lockoutState(projectId: string, userId: string): Promise<LockoutState | null> {
    return lockoutState(this.db, 'users', projectId, userId);
  }

  compareAndSetLockout(projectId: string, userId: string, expected: LockoutState, next: LockoutState): Promise<boolean> {
    return compareAndSetLockout(this.db, 'users', projectId, userId, expected, next);
  }

  async addEmail(projectId: string, userId: string, email: EmailRecord): Promise<void> {
    try {
      await this.db
        .insertInto('user_emails')
        .values({ ...email, verified: email.verified ? 1 : 0, project_id: projectId, user_id: userId })
        .execute();
    } catch (err) {
      throw asConflict(err);
    }
  }

  async markEmailVerified(projectId: string, emailId: string): Promise<void> {
    await this.db.updateTable('user_emails').set({ verified: 1 }).where('project_id', '=', projectId).where('email_id', '=', emailId).execute();
  }

  async addPhone(projectId: string, userId: string, phone: PhoneRecord): Promise<void> {
    try {
      await this.db
        .insertInto('user_phones')
        .values({ ...phone, verified: phone.verified ? 1 : 0, project_id: projectId, user_id: userId })
        .execute();
    } catch (err) {
      throw asConflict(err);
    }
  }

  async markPhoneVerified(projectId: string, phoneId: string): Promise<void> {
    await this.db.updateTable('user_phones').set({ verified: 1 }).where('project_id', '=', projectId).where('phone_id', '=', phoneId).execute();
  }
}
