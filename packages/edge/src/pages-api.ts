/**
 * `import { envs } from "@tessera/edge/pages/api"`: the official plugin's `envs`, plus `envs.at(url)`
 * for a Tessera server.
 *
 * @module
 */
import { apiBase } from './options.js';

export const envs = {
  live: 'https://api.stytch.com/v1/',
  test: 'https://test.stytch.com/v1/',
  /** `envs.at("https://auth.example.com")` → `"https://auth.example.com/v1/"`. */
  at: (url: string): string => apiBase(url),
} as const;

export type { PluginData } from './pages.js';
export type { StytchData, AuthenticateResult } from './authenticator.js';
export type { TesseraEdgeOptions as PluginArgs } from './options.js';
