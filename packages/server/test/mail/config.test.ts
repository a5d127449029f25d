/** The mail settings of loadConfig(): SMTP URL (validated, never echoed with its password), sender, attempts. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, redactSmtpUrl } from '../../src/config.js';

function problems(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems.join('\n');
  }
  throw new Error('expected a ConfigError');
}

describe('mail configuration', () => {
  it('defaults: no SMTP (local outbox), From Tessera <no-reply@localhost>, 8 attempts', () => {
    expect(loadConfig({})).toMatchObject({ smtpUrl: undefined, mailFrom: 'Tessera <no-reply@localhost>', smtpMaxAttempts: 8 });
  });

  it('reads smtp:// and smtps:// URLs, the sender and the attempts', () => {
    const c = loadConfig({ TESSERA_SMTP_URL: 'smtps://u:p@mail.example.com:465', TESSERA_MAIL_FROM: 'ops@example.com', TESSERA_SMTP_MAX_ATTEMPTS: '3' });
    expect(c).toMatchObject({ smtpUrl: 'smtps://u:p@mail.example.com:465', mailFrom: 'ops@example.com', smtpMaxAttempts: 3 });
    expect(loadConfig({ TESSERA_SMTP_URL: 'smtp://localhost:1025' }).smtpUrl).toBe('smtp://localhost:1025');
  });

  it('reports every mail problem with the others, never quoting the password', () => {
    const p = problems({ TESSERA_SMTP_URL: 'http://user:hunter2-secret@mail.example.com', TESSERA_MAIL_FROM: 'not an address', TESSERA_SMTP_MAX_ATTEMPTS: '0', TESSERA_PORT: 'x' });
    expect(p).toMatch(/TESSERA_SMTP_URL must start with smtp:\/\/ or smtps:\/\/ \(got "http:\/\/user:\*\*\*@mail.example.com\/"\)/);
    expect(p).toMatch(/TESSERA_MAIL_FROM must be an address/);
    expect(p).toMatch(/TESSERA_SMTP_MAX_ATTEMPTS must be an integer between 1 and 100/);
    expect(p).toMatch(/TESSERA_PORT/);
    expect(p).not.toContain('hunter2');
    expect(problems({ TESSERA_SMTP_URL: 'smtp://:hunter2@host' })).toMatch(/has a password but no user/);
    expect(problems({ TESSERA_SMTP_URL: 'not a url hunter2' })).not.toContain('hunter2');
  });

  it('redactSmtpUrl hides the password only', () => {
    expect(redactSmtpUrl('smtp://apikey:SG.abc.def@smtp.example.com:587')).toBe('smtp://apikey:***@smtp.example.com:587');
    expect(redactSmtpUrl('smtp://localhost:1025')).toBe('smtp://localhost:1025');
    expect(redactSmtpUrl('smtp//garbage:pw')).not.toContain('pw');
  });
});
