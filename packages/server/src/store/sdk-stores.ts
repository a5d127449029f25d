/**
 * Storage of the frontend API's per-project settings: the origins a browser app may call `/sdk/v1` from,
 * and the project's SDK settings. Kept apart from `ProjectStore` so the frontend API is one seam.
 *
 * @module
 */

export type Vertical = 'CONSUMER' | 'B2B';

export interface SdkSettings {
  /** Session tokens travel in HttpOnly cookies set by the API, never in the JSON (see http/sdk/cookies.ts). */
  http_only_cookies: boolean;
  /** What `/sdk/v1/projects/bootstrap` reports as `vertical`. */
  vertical: Vertical;
}

export const DEFAULT_SDK_SETTINGS: Readonly<SdkSettings> = Object.freeze({ http_only_cookies: false, vertical: 'CONSUMER' });

export interface ProjectSdkStore {
  /** The project's listed origins, oldest first. */
  origins(projectId: string): Promise<string[]>;
  /** Adds an origin (already normalized); false when it was listed already. */
  addOrigin(projectId: string, origin: string, now: number): Promise<boolean>;
  /** Removes an origin; false when it was not listed. */
  removeOrigin(projectId: string, origin: string): Promise<boolean>;
  /** Whether any project lists the origin (how a credential-less preflight is judged). */
  originListed(origin: string): Promise<boolean>;
  /** The project's settings; the defaults when never set. */
  settings(projectId: string): Promise<SdkSettings>;
  /** Changes some settings, keeping the others. */
  updateSettings(projectId: string, patch: Partial<SdkSettings>, now: number): Promise<SdkSettings>;
}
