/**
 * The frontend API's project lookup: public token -> project, with the project's allowed origins and SDK
 * settings, cached as `ProjectAuthenticator` caches secrets (a few seconds, bounded), so an SDK request costs
 * no extra query and a `tessera project origins add` made by another process takes effect within the TTL.
 * Also answers the credential-less question a preflight asks: may this origin call some project at all?
 *
 * @module
 */
import type { Clock } from '@tessera/core';
import type { ProjectRecord } from '../../store/records.js';
import type { SdkSettings } from '../../store/sdk-stores.js';
import type { Stores } from '../../store/stores.js';
import { isLoopbackDevOrigin, originAllowed } from './origins.js';

const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

export interface SdkProject {
  project: ProjectRecord;
  origins: string[];
  settings: SdkSettings;
}

export class PublicTokenAuthenticator {
  readonly #byToken = new Map<string, { value: SdkProject | null; until: number }>();
  readonly #listed = new Map<string, { value: boolean; until: number }>();

  constructor(
    private readonly stores: Pick<Stores, 'projects' | 'projectSdk'>,
    private readonly clock: Clock,
  ) {}

  /** The project of a public token (with its origins and settings), or null for an unknown token. */
  async project(publicToken: string): Promise<SdkProject | null> {
    if (publicToken.length > 256) return null;
    const now = this.clock();
    const hit = this.#byToken.get(publicToken);
    if (hit && now < hit.until) return hit.value;
    const project = await this.stores.projects.byPublicToken(publicToken);
    const value = project
      ? { project, origins: await this.stores.projectSdk.origins(project.project_id), settings: await this.stores.projectSdk.settings(project.project_id) }
      : null;
    if (this.#byToken.size >= MAX_ENTRIES) this.#byToken.clear();
    this.#byToken.set(publicToken, { value, until: now + TTL_MS });
    return value;
  }

  /** Whether `origin` may call this project's frontend API. */
  allows(p: SdkProject, origin: string): boolean {
    return originAllowed(origin, p.project.env, p.origins);
  }

  /**
   * How a preflight is judged: it carries no credentials, so it cannot name a project. It is granted for a
   * loopback development origin and for an origin some project lists; the real request that follows is
   * then judged against its own project and refused before any work if that project does not allow it.
   */
  async preflightAllowed(origin: string): Promise<boolean> {
    if (origin === 'null' || origin.length > 2048) return false;
    if (isLoopbackDevOrigin(origin)) return true;
    const now = this.clock();
    const hit = this.#listed.get(origin);
    if (hit && now < hit.until) return hit.value;
    const value = await this.stores.projectSdk.originListed(origin);
    if (this.#listed.size >= MAX_ENTRIES) this.#listed.clear();
    this.#listed.set(origin, { value, until: now + TTL_MS });
    return value;
  }

  /** Forgets cached answers (after a CLI change in this process, or in tests). */
  invalidate(): void {
    this.#byToken.clear();
    this.#listed.clear();
  }
}
