import { ApiError } from '../errors.js';

/**
 * A link's or code's lifetime in minutes: `given` when set, within Stytch's documented bounds, else the
 * default. Out of bounds (or not an integer): 400 `invalid_expiration_minutes`.
 */
export function expirationMinutes(given: number | undefined, bounds: { min: number; max: number; default: number }): number {
  if (given === undefined) return bounds.default;
  if (!Number.isInteger(given) || given < bounds.min || given > bounds.max) {
    throw new ApiError('invalid_expiration_minutes', `Expiration minutes must be between ${bounds.min} and ${bounds.max}.`);
  }
  return given;
}

/** Stytch's documented bounds of B2B email links and codes. */
export const EXPIRY = {
  login: { min: 5, max: 10080, default: 60 },
  invite: { min: 5, max: 10080, default: 10080 },
  discovery: { min: 5, max: 10080, default: 60 },
  otp: { min: 2, max: 15, default: 10 },
  reset: { min: 5, max: 10080, default: 30 },
} as const;
