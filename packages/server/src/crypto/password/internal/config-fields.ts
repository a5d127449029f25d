/**
 * Readers for the `*_config` objects of `POST /v1/passwords/migrate`. The body is JSON from a client, so
 * every field is checked for presence and type here rather than trusted from the TypeScript types.
 *
 * @module
 */
import { utf8ByteLength } from './encoding.js';
import { invalid } from './invalid-hash.js';

export type Config = Readonly<Record<string, unknown>>;

/** An optional config: absent and JSON `null` both mean "not given" (SDKs differ on which they send). */
export function optionalConfig(value: unknown, name: string): Config | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) invalid(`${name} must be an object.`);
  return value as Config;
}

export function requiredConfig(value: unknown, name: string, when: string): Config {
  return optionalConfig(value, name) ?? invalid(`${name} is required ${when}.`);
}

export function stringField(config: Config, name: string, key: string, maxBytes: number): string {
  const value = config[key];
  if (typeof value !== 'string') invalid(`${name}.${key} must be a string.`);
  if (utf8ByteLength(value) > maxBytes) invalid(`${name}.${key} must be at most ${maxBytes} bytes.`);
  return value;
}

/** An integer in [min, max]; floats, numeric strings and out-of-range values are rejected. */
export function intField(config: Config, name: string, key: string, min: number, max: number): number {
  const value = config[key];
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) invalid(`${name}.${key} must be an integer.`);
  if (value < min || value > max) invalid(`${name}.${key} must be between ${min} and ${max}.`);
  return value;
}
