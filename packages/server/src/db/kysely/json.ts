import type { JsonObject } from '@tessera/core';

/** Parses a JSON column written by Tessera; a corrupt value is a bug, so it throws. */
export function parseJson<T = JsonObject>(text: string): T {
  return JSON.parse(text) as T;
}

export const toJson = (value: unknown): string => JSON.stringify(value);
