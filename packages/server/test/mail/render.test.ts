/** renderMail and the delivery rules, as pure functions. */
import { describe, expect, it } from 'vitest';
import { describeFailure, isPermanentFailure, recipientDomain, retryDelayMs } from '../../src/domain/mail/delivery-policy.js';
import type { MailMessage } from '../../src/domain/mail/message.js';
import { MAIL_KINDS, expiresIn, pickTemplate, renderMail } from '../../src/domain/mail/render.js';
import type { MailTemplateRecord } from '../../src/store/mail-template-stores.js';

const project = { name: 'Acme & <Friends>' };
const link = 'https://app.example.com/auth?stytch_token_type=magic_links&token=abcDEF123_-';
const base: MailMessage = { kind: 'login', to: 'ada@example.com', link, expiration_minutes: 60, vertical: 'consumer' };

const template = (over: Partial<MailTemplateRecord>): MailTemplateRecord => ({
  project_id: 'p',
  template_id: 'login',
  kind: 'login',
  subject: 's',
  text: '{{link}}',
  html: null,
  updated_at: 0,
  ...over,
});

describe('renderMail', () => {
  it('built-in templates: every kind has a subject, text and HTML with its link or code and the expiry', () => {
    for (const kind of MAIL_KINDS) {
      const message: MailMessage =
        kind === 'email_otp' ? { ...base, kind, link: undefined, code: '123456', expiration_minutes: 2 } : { ...base, kind, vertical: kind === 'discovery' ? 'b2b' : 'consumer' };
      const r = renderMail(message, null, project);
      expect(r.subject, kind).not.toBe('');
      expect(r.subject, kind).not.toMatch(/\{\{|\n/);
      const secret = kind === 'email_otp' ? '123456' : link;
      const expiry = kind === 'email_otp' ? '2 minutes' : '1 hour';
      expect(r.text, kind).toContain(secret);
      expect(r.text, kind).toContain(expiry);
      expect(r.html, kind).toContain(kind === 'email_otp' ? '123456' : link.replace(/&/g, '&amp;'));
      expect(r.html, kind).toContain(expiry);
      // The project name is escaped in the HTML, plain in the text.
      expect(r.html, kind).not.toContain('<Friends>');
    }
  });

  it('B2B mail names the organization; consumer mail the project', () => {
    expect(renderMail({ ...base, kind: 'invite', vertical: 'b2b', organization_name: 'Globex' }, null, project).subject).toBe('You are invited to Globex');
    expect(renderMail({ ...base, kind: 'invite' }, null, project).subject).toBe('You are invited to Acme & <Friends>');
    expect(renderMail({ ...base, kind: 'invite', vertical: 'b2b' }, null, project).subject).toBe('You are invited to Acme & <Friends>');
  });

  it('project templates: placeholders filled once, escaped in HTML only, unknown ones kept, subject on one line', () => {
    const t = template({
      subject: 'Hi {{email}}\r\nBcc: evil@example.com {{nope}}',
      text: '{{project_name}}: {{link}} ({{expiration_minutes}} min, {{expires_in}}) {{organization_name}}',
      html: '<a href="{{link}}">{{project_name}}</a> {{ code }}',
    });
    const r = renderMail({ ...base, to: '{{code}}@example.com', code: '999999' }, t, project);
    expect(r.subject).toBe('Hi {{code}}@example.com Bcc: evil@example.com {{nope}}');
    expect(r.text).toBe(`Acme & <Friends>: ${link} (60 min, 1 hour) `);
    expect(r.html).toBe(`<a href="${link.replace(/&/g, '&amp;')}">Acme &amp; &lt;Friends&gt;</a> 999999`);
  });

  it('a template without HTML gets one from its text: escaped, in paragraphs, the link clickable', () => {
    const r = renderMail(base, template({ subject: 'x', text: 'Hello <you>,\n\nclick {{link}}\nnow', html: null }), project);
    expect(r.html).toContain('<p>Hello &lt;you&gt;,</p>');
    expect(r.html).toContain(`<p>click <a href="${link.replace(/&/g, '&amp;')}">${link.replace(/&/g, '&amp;')}</a><br>\nnow</p>`);
  });

  it('pickTemplate: the named template of the same kind, else the kind default, else the built-in', () => {
    const named = template({ template_id: 'promo', kind: 'login' });
    const other = template({ template_id: 'welcome', kind: 'signup' });
    const kindDefault = template({ template_id: 'login' });
    const all = new Map([named, other, kindDefault].map((t) => [t.template_id, t]));
    expect(pickTemplate({ ...base, template_id: 'promo' }, (id) => all.get(id))).toBe(named);
    expect(pickTemplate({ ...base, template_id: 'welcome' }, (id) => all.get(id))).toBe(kindDefault);
    expect(pickTemplate({ ...base, template_id: 'unknown' }, (id) => all.get(id))).toBe(kindDefault);
    expect(pickTemplate(base, () => null)).toBeNull();
  });

  it('expiresIn words whole units', () => {
    expect([1, 2, 60, 90, 120, 1440, 10_080, 20_160].map(expiresIn)).toEqual(['1 minute', '2 minutes', '1 hour', '90 minutes', '2 hours', '1 day', '1 week', '2 weeks']);
  });
});

describe('delivery policy', () => {
  it('backs off 5 s·2^n with ±20 % jitter, capped at 15 minutes', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, () => 0.5))).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(retryDelayMs(1, () => 0)).toBe(4_000);
    expect(retryDelayMs(1, () => 1)).toBe(6_000);
    expect(retryDelayMs(30, () => 0.5)).toBe(900_000);
  });
  it('only 5xx answers to the envelope or the message are final', () => {
    expect(isPermanentFailure({ code: 'EENVELOPE', responseCode: 550 })).toBe(true);
    expect(isPermanentFailure({ code: 'EMESSAGE', responseCode: 554 })).toBe(true);
    expect(isPermanentFailure({ code: 'EMESSAGE', responseCode: 451 })).toBe(false);
    expect(isPermanentFailure({ code: 'EAUTH', responseCode: 535 })).toBe(false);
    expect(isPermanentFailure(Object.assign(new Error('x'), { code: 'ECONNECTION' }))).toBe(false);
  });
  it('logs name the recipient domain only', () => {
    expect(recipientDomain('Ada.Lovelace@Example.COM')).toBe('example.com');
    const err = Object.assign(new Error("Can't send mail - all recipients were rejected: 550 5.1.1 <ada.l+x@example.com>: unknown"), { code: 'EENVELOPE' });
    expect(describeFailure(err)).toBe("EENVELOPE: Can't send mail - all recipients were rejected: 550 5.1.1 <…@example.com>: unknown");
  });
});
