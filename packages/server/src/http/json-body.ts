/**
 * The request body parser: every body is read as JSON whatever its Content-Type (the official clients
 * always send JSON; curl users often forget the header), an empty body is `{}`, keys that could poison
 * prototypes (`__proto__`, `constructor.prototype`, in any spelling JSON allows, `\u` escapes included)
 * are refused by `secure-json-parse` (the parser Fastify itself uses), and so are lone UTF-16 surrogates
 * (`"\ud800"`), which no database column could store faithfully.
 *
 * @module
 */
import secureJson from 'secure-json-parse';
import { ApiError } from '../domain/errors.js';

const FORBIDDEN = { protoAction: 'error', constructorAction: 'error' } as const;
/** What secure-json-parse throws for a forbidden key (any other error is a JSON syntax error). */
const FORBIDDEN_MESSAGE = 'Object contains forbidden prototype property';

export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = secureJson.parse(text, undefined, FORBIDDEN);
  } catch (err) {
    if (err instanceof SyntaxError && err.message === FORBIDDEN_MESSAGE) {
      throw new ApiError('bad_request', 'The request body contains a forbidden key (__proto__ or constructor.prototype).');
    }
    throw new ApiError('bad_request', 'The request body is not valid JSON.');
  }
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
