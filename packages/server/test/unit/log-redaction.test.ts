/** createLogger censors secret-bearing fields wherever a log call passes them (top level or one down). */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';

describe('log redaction', () => {
  it('censors passwords, tokens, JWTs, secrets and request bodies', () => {
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    const log = createLogger('trace', stream);
    log.info({ body: { password: 'pw-1', session_token: 'tok-2', session_jwt: 'jwt-3', email: 'a@example.com' }, secret: 'sec-4' }, 'one');
    log.info({ req: { headers: { authorization: 'Basic abc-5', cookie: 'c-6' }, body: { anything: 'b-7' } }, token: 'ml-8' }, 'two');
    const text = Buffer.concat(chunks).toString('utf8');
    for (const secret of ['pw-1', 'tok-2', 'jwt-3', 'sec-4', 'abc-5', 'c-6', 'b-7', 'ml-8']) expect(text).not.toContain(secret);
    // What is not a secret stays readable.
    expect(text).toContain('a@example.com');
    expect(text.match(/\[redacted\]/g)?.length).toBe(8);
  });
});
