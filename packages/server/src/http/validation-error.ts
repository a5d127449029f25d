import { isErrorType, type ErrorType } from '@tessera/core';
import { ApiError } from '../domain/errors.js';

/** The part of an Ajv error (verbose mode) this mapping reads. */
export interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
  parentSchema?: { errorType?: string; properties?: Record<string, { errorType?: string }> };
}

const HUMAN: Record<string, (e: AjvError) => string> = {
  type: (e) => `must be ${article(String(e.params.type))}`,
  required: () => 'is required',
  maxLength: (e) => `must be at most ${e.params.limit} characters`,
  minLength: (e) => `must be at least ${e.params.limit} characters`,
  enum: (e) => `must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
  anyOf: () => 'has the wrong type',
  maxItems: (e) => `must have at most ${e.params.limit} items`,
};

function declaredType(e: AjvError): string | undefined {
  return e.keyword === 'required' ? e.parentSchema?.properties?.[String(e.params.missingProperty)]?.errorType : e.parentSchema?.errorType;
}

function article(type: string): string {
  const t = type.replace(',', ' or ');
  return /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
}

/**
 * Turns the first Ajv error of a request into the ApiError a Stytch client expects: the field's own
 * `errorType` when the schema names one, `bad_request` when the body itself is not an object, and
 * `invalid_argument` otherwise; the message names the field and what was wrong.
 */
export function validationToApiError(errors: AjvError[], context: string): ApiError {
  // A union (anyOf) reports each branch's failure first and its own last: prefer the error whose schema
  // names an error type, so `session_custom_claims: [1]` is reported as the claims error, not a branch's.
  const e = errors.find((x) => declaredType(x)) ?? errors[0];
  if (!e) return new ApiError('invalid_argument');
  const missing = e.keyword === 'required' ? String(e.params.missingProperty) : undefined;
  const path = missing ? [e.instancePath, missing].filter(Boolean).join('/') : e.instancePath;
  const field = path.replace(/^\//, '').replace(/\//g, '.');
  if (!field && context === 'body') return new ApiError('bad_request', 'The request body must be a JSON object.');
  const declared = declaredType(e);
  const type: ErrorType = declared && isErrorType(declared) ? declared : 'invalid_argument';
  const what = HUMAN[e.keyword]?.(e) ?? e.message ?? 'is invalid';
  const where = context === 'querystring' ? 'query parameter' : context === 'params' ? 'path parameter' : 'field';
  return new ApiError(type, `The ${where} \`${field}\` ${what}.`);
}
