/**
 * What the delivery tests share: a real SMTP server (`smtp-server`) on a loopback port that parses what it
 * receives with `mailparser`, a log sink, and the way a test gets a message queued.
 */
import net from 'node:net';
import { Writable } from 'node:stream';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { StartedServer } from '@tessera/server';
import { projectContext } from '../../src/domain/context.js';
import { enqueueMail } from '../../src/domain/mail/enqueue-mail.js';
import type { MailMessage } from '../../src/domain/mail/message.js';

export const SMTP_USER = 'tessera';
export const SMTP_PASSWORD = 'smtp-Pa55word-never-logged';

export interface TestSmtp {
  port: number;
  /** `smtp://user:password@127.0.0.1:port` */
  url: string;
  received: ParsedMail[];
  /** The next `n` messages are refused with `code` at DATA (451: try later; 550: refused). */
  refuseNext(n: number, code?: number): void;
  /** Every recipient is refused with 550 while set. */
  refuseRecipients: boolean;
  /** Resolves once `n` messages arrived in all. */
  waitFor(n: number, timeoutMs?: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

/** A free loopback port (nothing listens on it once this resolves): an SMTP server that is down. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** An SMTP server on 127.0.0.1 (`port` 0: a random one) with AUTH PLAIN/LOGIN for one test user, no TLS. */
export async function startSmtp(port = 0): Promise<TestSmtp> {
  const received: ParsedMail[] = [];
  let refuse = 0;
  let refuseCode = 451;
  const waiters: { n: number; resolve: () => void }[] = [];
  const t: TestSmtp = {
    port: 0,
    url: '',
    received,
    refuseRecipients: false,
    refuseNext(n, code = 451) {
      refuse = n;
      refuseCode = code;
    },
    async waitFor(n, timeoutMs = 15_000) {
      if (received.length < n) {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`expected ${n} messages, got ${received.length}`)), timeoutMs);
          waiters.push({ n, resolve: () => (clearTimeout(timer), resolve()) });
        });
      }
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) cb(null, { user: auth.username });
      else cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, cb) {
      if (t.refuseRecipients) cb(Object.assign(new Error(`<${address.address}>: No such user here`), { responseCode: 550 }));
      else cb();
    },
    onData(stream, _session, cb) {
      simpleParser(stream).then(
        (parsed) => {
          if (refuse > 0) {
            refuse--;
            cb(Object.assign(new Error(refuseCode === 451 ? 'Try again later' : 'Message refused'), { responseCode: refuseCode }));
            return;
          }
          received.push(parsed);
          for (const w of waiters.filter((x) => received.length >= x.n)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve();
          }
          cb();
        },
        (err: Error) => cb(err),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  t.port = (server.server.address() as net.AddressInfo).port;
  t.url = `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${t.port}`;
  return t;
}

/** Collects pino's JSON lines. */
export class LogSink extends Writable {
  readonly lines: Record<string, unknown>[] = [];
  raw = '';
  override _write(chunk: Buffer, _enc: string, cb: () => void): void {
    const text = chunk.toString('utf8');
    this.raw += text;
    for (const line of text.split('\n')) if (line.trim()) this.lines.push(JSON.parse(line) as Record<string, unknown>);
    cb();
  }
  find(msg: RegExp): Record<string, unknown>[] {
    return this.lines.filter((l) => typeof l.msg === 'string' && msg.test(l.msg));
  }
}

let n = 0;
/** A magic-link-like URL with a fresh 44-character token, as the flows build them. */
export function fakeLink(base = 'http://localhost:3000/authenticate'): { link: string; token: string } {
  const token = Buffer.from(`tessera-test-token-${process.pid}-${n++}-${Date.now()}`.padEnd(33, 'x').slice(0, 33)).toString('base64url');
  return { link: `${base}?stytch_token_type=magic_links&token=${token}`, token };
}

/**
 * Puts a login message in the outbox of the server's project, as a flow does, and returns its id: the
 * delivery tests need its id and exact content to follow retries and leases. The flows themselves are
 * driven end to end over SMTP with the official clients in smtp-flows.test.ts.
 */
export async function queueMail(server: StartedServer, projectId: string, message: Partial<MailMessage> & { to: string }): Promise<string> {
  const deps = server.runtime.deps;
  const project = await deps.stores.projects.get(projectId);
  if (!project) throw new Error(`no project ${projectId}`);
  return enqueueMail(projectContext(deps, project), { kind: 'login', expiration_minutes: 60, vertical: 'consumer', link: fakeLink().link, ...message });
}
