import type { ErrorType } from '@tessera/core';
import { ApiError } from '../errors.js';

/** The error type each kind of bad `filter_value` is reported with (Stytch names them per search). */
export interface OperandErrors {
  strings: ErrorType;
  boolean: ErrorType;
  fuzzy: ErrorType;
}

/** Parsers for the filter values shared by user, organization and member search. */
export function operandValues(errors: OperandErrors) {
  return {
    strings(value: unknown, name: string): string[] {
      if (!Array.isArray(value) || value.length > 1000 || !value.every((v) => typeof v === 'string')) {
        throw new ApiError(errors.strings, `${name} needs a list of at most 1000 strings.`);
      }
      return value as string[];
    },
    bool(value: unknown, name: string): boolean {
      if (typeof value !== 'boolean') throw new ApiError(errors.boolean, `${name} needs a boolean.`);
      return value;
    },
    /** Fuzzy filters need at least three characters, as Stytch's do. */
    fuzzy(value: unknown, name: string): string {
      if (typeof value !== 'string' || value.length < 3 || value.length > 256) throw new ApiError(errors.fuzzy, `${name} needs a string of 3 to 256 characters.`);
      return value;
    },
  };
}
