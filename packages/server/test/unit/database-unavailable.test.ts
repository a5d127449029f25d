import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../src/db/postgres/errors.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it('is true for connection-level failures: sockets, shutdowns, class 08, timeouts', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', '57P01', '57P02', '57P03', '08006', '08001', '57014']) {
      expect(isDatabaseUnavailable(withCode(code)), code).toBe(true);
    }
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    // Node's net.connect with several addresses reports an AggregateError.
    expect(isDatabaseUnavailable(new AggregateError([withCode('ECONNREFUSED')], ''))).toBe(true);
    // Wrapped errors are unwrapped through `cause`.
    expect(isDatabaseUnavailable(new Error('migration failed', { cause: withCode('57P01') }))).toBe(true);
  });

  it('is false for bugs and bad data: a unique violation, a syntax error, a plain error', () => {
    for (const code of ['23505', '42601', '22P02', '40001']) expect(isDatabaseUnavailable(withCode(code)), code).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
  });
});
