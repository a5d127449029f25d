/**
 * The admin console's accounts and sessions (`store/admin-stores.ts`) over SQLite or PostgreSQL.
 *
 * @module
 */
import type { Kysely } from 'kysely';
import { AdminExistsError, type AdminAccountRecord, type AdminSessionRecord, type AdminStore } from '../../store/admin-stores.js';
import type { LockoutState } from '../../store/records.js';
import type { AdminAccountsTable, AdminSessionsTable, Database } from '../schema.js';
import { CLEAR_LOCKOUT_COLUMNS, lockoutFromRow } from './lockout.js';


function account(r: AdminAccountsTable): AdminAccountRecord {
  return { admin_id: r.admin_id, username: r.username, password_hash: r.password_hash, created_at: Number(r.created_at), ...lockoutFromRow(r) };
}

function session(r: AdminSessionsTable): AdminSessionRecord {
  return {
    session_hash: r.session_hash,
    admin_id: r.admin_id,
    created_at: Number(r.created_at),
    last_seen_at: Number(r.last_seen_at),
    expires_at: Number(r.expires_at),
    ip: r.ip,
    user_agent: r.user_agent,
  };
}

function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

export class KyselyAdminStore implements AdminStore {
  constructor(private readonly db: Kysely<Database>) {}

  async count(): Promise<number> {
    const row = await this.db.selectFrom('admin_accounts').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async list(): Promise<AdminAccountRecord[]> {
    return (await this.db.selectFrom('admin_accounts').selectAll().orderBy('created_at').orderBy('username').execute()).map(account);
  }

  async create(a: AdminAccountRecord): Promise<void> {
    try {
      await this.db.insertInto('admin_accounts').values(a).execute();
    } catch (err) {
      throw isUniqueViolation(err) ? new AdminExistsError(a.username) : err;
    }
  }

  async byUsername(username: string): Promise<AdminAccountRecord | null> {
    const row = await this.db.selectFrom('admin_accounts').selectAll().where('username', '=', username).executeTakeFirst();
    return row ? account(row) : null;
  }

  async setPassword(adminId: string, passwordHash: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const r = await trx.updateTable('admin_accounts').set({ password_hash: passwordHash, ...CLEAR_LOCKOUT_COLUMNS }).where('admin_id', '=', adminId).executeTakeFirst();
      await trx.deleteFrom('admin_sessions').where('admin_id', '=', adminId).execute();
      return Number(r.numUpdatedRows) === 1;
    });
  }

  async remove(username: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const a = await trx.selectFrom('admin_accounts').select('admin_id').where('username', '=', username).executeTakeFirst();
      if (!a) return false;
      await trx.deleteFrom('admin_sessions').where('admin_id', '=', a.admin_id).execute();
      await trx.deleteFrom('admin_accounts').where('admin_id', '=', a.admin_id).execute();
      return true;
    });
  }

  async lockoutState(_scope: string, adminId: string): Promise<LockoutState | null> {
    const row = await this.db
      .selectFrom('admin_accounts')
      .select(['failed_attempts', 'failed_window_started_at', 'lock_created_at', 'lock_expires_at'])
      .where('admin_id', '=', adminId)
      .executeTakeFirst();
    return row ? lockoutFromRow(row) : null;
  }

  async compareAndSetLockout(_scope: string, adminId: string, expected: LockoutState, next: LockoutState): Promise<boolean> {
    const result = await this.db
      .updateTable('admin_accounts')
      .set(next)
      .where('admin_id', '=', adminId)
      .where((eb) => {
        const same = (column: 'failed_window_started_at' | 'lock_created_at' | 'lock_expires_at') =>
          expected[column] === null ? eb(column, 'is', null) : eb(column, '=', expected[column]);
        return eb.and([eb('failed_attempts', '=', expected.failed_attempts), same('failed_window_started_at'), same('lock_created_at'), same('lock_expires_at')]);
      })
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async createSession(s: AdminSessionRecord): Promise<void> {
    await this.db.insertInto('admin_sessions').values(s).execute();
  }

  async session(sessionHash: string): Promise<{ session: AdminSessionRecord; account: AdminAccountRecord } | null> {
    const s = await this.db.selectFrom('admin_sessions').selectAll().where('session_hash', '=', sessionHash).executeTakeFirst();
    if (!s) return null;
    const a = await this.db.selectFrom('admin_accounts').selectAll().where('admin_id', '=', s.admin_id).executeTakeFirst();
    return a ? { session: session(s), account: account(a) } : null;
  }

  async touchSession(sessionHash: string, lastSeenAt: number): Promise<void> {
    await this.db.updateTable('admin_sessions').set({ last_seen_at: lastSeenAt }).where('session_hash', '=', sessionHash).execute();
  }

  async deleteSession(sessionHash: string): Promise<void> {
    await this.db.deleteFrom('admin_sessions').where('session_hash', '=', sessionHash).execute();
  }

  async purgeSessions(now: number): Promise<number> {
    const r = await this.db.deleteFrom('admin_sessions').where('expires_at', '<', now).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
