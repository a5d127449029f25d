/** The per-request logger Fastify gets from `lazyChildLogger`: no pino child until the request logs. */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, lazyChildLogger } from '../../src/log.js';

function recorded() {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const log = createLogger('info', stream);
  let children = 0;
  const parent = { child: (bindings: object, options?: object) => (children++, log.child(bindings, options)) };
  const lines = () => Buffer.concat(chunks).toString('utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  return { parent, lines, children: () => children };
}

describe('lazyChildLogger', () => {
  it('makes the child on the first log call, once, with the request bindings and the parent redaction', () => {
    const r = recorded();
    const reqLog = lazyChildLogger(r.parent, { request_id: 'request-id-test-1' }, {}) as Record<string, (...a: unknown[]) => void>;
    expect(r.children()).toBe(0);
    reqLog.debug!({ x: 1 }, 'below the level'); // still makes the child: the level is the child's to decide
    reqLog.error!({ err: 'boom', session_token: 'tok-secret' }, 'failed');
    reqLog.warn!({}, 'again');
    expect(r.children()).toBe(1);
    const lines = r.lines();
    expect(lines.map((l) => l.msg)).toEqual(['failed', 'again']);
    expect(lines[0]).toMatchObject({ request_id: 'request-id-test-1', err: 'boom', session_token: '[redacted]' });
  });

  it('reads and sets the level through the child', () => {
    const r = recorded();
    const reqLog = lazyChildLogger(r.parent, { request_id: 'request-id-test-2' }, {}) as { level: string; info: (o: object, m: string) => void };
    expect(reqLog.level).toBe('info');
    reqLog.level = 'warn';
    reqLog.info({}, 'dropped');
    expect(r.lines()).toEqual([]);
    expect(r.children()).toBe(1);
  });
});
