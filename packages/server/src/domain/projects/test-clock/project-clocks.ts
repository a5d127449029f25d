/**
 * The per-project test clock (issue #16): a test project's time may run ahead of the server's by an offset
 * kept in the database (`project_clocks`), so session, JWT, lockout and key-rotation expiry can be tested
 * without sleeping. Live projects always run on the server's clock.
 *
 * Offsets are held in memory. A test project's offset is read on its first request and re-read at most once
 * per `refreshMs` (1 s), so an advance made by another process (`tessera clock advance` from the CLI)
 * reaches a running server within about a second, while a request in between costs no query. An advance or
 * reset made through this object takes effect here at once. Live projects never get an entry: their clock
 * is the server's, with no lookup and no await.
 *
 * Staleness is judged on the server's clock, as the other caches (`ProjectAuthenticator`, `KeyRings`) do.
 *
 * @module
 */
import type { Clock } from '@tessera/core';
import type { ProjectRecord } from '../../../store/records.js';
import type { ProjectClockStore } from '../../../store/stores.js';
import { ApiError } from '../../errors.js';

/** How long an offset read from the database is trusted before it is read again. */
export const CLOCK_REFRESH_MS = 1_000;

interface Entry {
  offset: number;
  /** Server time of the last read (or write) of the offset. */
  readAt: number;
  /** Bumped around every write here, so a read that raced with it does not put back the older value. */
  version: number;
  loading: Promise<void> | null;
}

export class ProjectClocks {
  readonly #entries = new Map<string, Entry>();
  readonly #movedBack: ((projectId: string) => void)[] = [];

  constructor(
    private readonly store: ProjectClockStore,
    /** The server's clock. */
    private readonly base: Clock,
    private readonly refreshMs = CLOCK_REFRESH_MS,
  ) {}

  /**
   * Calls `listener` when a project's offset went down (a reset, here or read from another process): caches
   * valid until a project time (the key rings') would otherwise be trusted for as long as the time went back.
   */
  onMovedBack(listener: (projectId: string) => void): void {
    this.#movedBack.push(listener);
  }

  /**
   * The project's offset as last read: 0 for a project never loaded, which is every live project. Sync, for
   * the hot path; a stale offset is re-read in the background (the awaited re-read is `refresh`).
   */
  offset(projectId: string): number {
    const e = this.#entries.get(projectId);
    if (!e) return 0;
    if (!e.loading && this.base() - e.readAt >= this.refreshMs) {
      // A failed background read is retried after another `refreshMs`, not on every call.
      void this.#load(projectId, e).catch(() => {
        e.readAt = this.base();
      });
    }
    return e.offset;
  }

  /** A project's time now, in epoch ms (the server's for a live project). */
  now(projectId: string): number {
    return this.base() + this.offset(projectId);
  }

  /** The clock a project's domain operations run on: the server's, plus the offset for a test project. */
  clockOf(project: ProjectRecord): Clock {
    if (project.env !== 'test') return this.base;
    const id = project.project_id;
    return () => this.base() + this.offset(id);
  }

  /**
   * For a test project whose offset was never read or is older than `refreshMs`: the read, to await before
   * the request runs. Undefined otherwise (always for a live project), so the caller pays no await.
   */
  refresh(project: ProjectRecord): Promise<void> | undefined {
    if (project.env !== 'test') return undefined;
    const e = this.#entry(project.project_id);
    if (this.base() - e.readAt < this.refreshMs) return undefined;
    return this.#load(project.project_id, e);
  }

  /** The offset as stored now (a fresh read, whatever the cache holds). Test projects only. */
  async read(project: ProjectRecord): Promise<number> {
    const e = this.#entry(testProject(project).project_id);
    await (e.loading ?? Promise.resolve());
    await this.#load(project.project_id, e);
    return e.offset;
  }

  /** Moves a test project's time forward by `byMs` (> 0); returns the new offset. */
  async advance(project: ProjectRecord, byMs: number): Promise<number> {
    if (!(Number.isSafeInteger(byMs) && byMs > 0)) throw new Error(`advance by a positive whole number of ms, not ${byMs}`);
    const e = this.#entry(testProject(project).project_id);
    e.version++;
    try {
      const offset = await this.store.advance(project.project_id, byMs, this.base());
      this.#set(project.project_id, e, offset);
      return offset;
    } finally {
      e.version++;
    }
  }

  /** Back to the server's time (offset 0). */
  async reset(project: ProjectRecord): Promise<void> {
    const e = this.#entry(testProject(project).project_id);
    e.version++;
    try {
      await this.store.reset(project.project_id, this.base());
      this.#set(project.project_id, e, 0);
    } finally {
      e.version++;
    }
  }

  #entry(projectId: string): Entry {
    let e = this.#entries.get(projectId);
    if (!e) this.#entries.set(projectId, (e = { offset: 0, readAt: -Infinity, version: 0, loading: null }));
    return e;
  }

  #set(projectId: string, e: Entry, offset: number): void {
    const back = offset < e.offset;
    e.offset = offset;
    e.readAt = this.base();
    if (back) for (const listener of this.#movedBack) listener(projectId);
  }

  #load(projectId: string, e: Entry): Promise<void> {
    if (e.loading) return e.loading;
    const version = e.version;
    const p = this.store
      .get(projectId)
      .then((offset) => {
        if (e.version === version) this.#set(projectId, e, offset);
      })
      .finally(() => {
        if (e.loading === p) e.loading = null;
      });
    e.loading = p;
    return p;
  }
}

/** The project, when it is a test project; else 403 `test_clock_not_allowed`. */
export function testProject(project: ProjectRecord): ProjectRecord {
  if (project.env !== 'test') throw new ApiError('test_clock_not_allowed');
  return project;
}
