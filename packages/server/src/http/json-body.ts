/**
 * The request body parser: every body is read as JSON whatever its Content-Type (the official clients
 * always send JSON; curl users often forget the header), an empty body is `{}`, keys that could poison
 * prototypes (`__proto__`, `constructor.prototype`) are refused, as Fastify's own secure parser does, and so
 * are lone UTF-16 surrogates (`"\ud800"`), which no database column could store faithfully.
 *
 * @module
 */
import { ApiError } from '../domain/errors.js';

const SUSPECT = /"(?:_|\\u005[Ff])(?:_|\\u005[Ff])(?:p|\\u0070)(?:r|\\u0072)(?:o|\\u006[Ff])(?:t|\\u0074)(?:o|\\u006[Ff])(?:_|\\u005[Ff])(?:_|\\u005[Ff])"|"(?:c|\\u0063)onstructor"/;

export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError('bad_request', 'The request body is not valid JSON.');
  }
  if (SUSPECT.test(text)) rejectPoison(value);
  // Raw bytes decode to well-formed text; only a \u escape can produce a lone surrogate.
  if (/\\u[dD][89a-fA-F]/.test(text)) rejectLoneSurrogates(value);
  return value;
}

function rejectLoneSurrogates(value: unknown): void {
  const stack = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (!v.isWellFormed()) throw new ApiError('bad_request', 'The request body contains a lone UTF-16 surrogate, which is not valid Unicode.');
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) stack.push(k, child);
    }
  }
}

function rejectPoison(value: unknown): void {
  const stack = [value];
  while (stack.length) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (Object.prototype.hasOwnProperty.call(v, '__proto__')) throw new ApiError('bad_request', 'The request body contains a forbidden key (__proto__).');
    const ctor = (v as Record<string, unknown>).constructor;
    if (Object.prototype.hasOwnProperty.call(v, 'constructor') && ctor && typeof ctor === 'object' && 'prototype' in ctor) {
      throw new ApiError('bad_request', 'The request body contains a forbidden key (constructor.prototype).');
    }
    stack.push(...Object.values(v));
  }
}
