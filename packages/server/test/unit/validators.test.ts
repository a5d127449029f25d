import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/domain/errors.js';
import {
  checkExternalId,
  checkMetadata,
  checkName,
  checkRoles,
  checkSessionDuration,
  jsonDepth,
  mergeMetadata,
  normalizeEmail,
  normalizePhone,
} from '../../src/domain/validate.js';
import { parseOperand } from '../../src/domain/users/search-users.js';
import { parseJsonBody } from '../../src/http/json-body.js';
import { parseBasic } from '../../src/http/basic-auth.js';
import { validationToApiError } from '../../src/http/validation-error.js';

function errorType(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e.type;
    throw e;
  }
  return 'ok';
}

describe('validators: each failure carries its Stytch error_type', () => {
  it('normalizeEmail', () => {
    expect(normalizeEmail('  Ada@Example.COM ')).toBe('ada@example.com');
    for (const bad of ['', 'ada', 'ada@', '@example.com', 'ada@example', 'a b@example.com', `${'a'.repeat(250)}@example.com`, 'ada@exa mple.com']) {
      expect(errorType(() => normalizeEmail(bad))).toBe('invalid_email');
    }
  });
  it('normalizePhone (E.164)', () => {
    expect(normalizePhone('+1 (202) 555-0123')).toBe('+12025550123');
    for (const bad of ['2025550123', '+0123456789', '+1', '+1234567890123456', 'phone']) expect(errorType(() => normalizePhone(bad))).toBe('invalid_phone_number');
  });
  it('checkExternalId', () => {
    expect(checkExternalId('crm|42.a_b-c')).toBe('crm|42.a_b-c');
    for (const bad of ['', 'has space', 'x'.repeat(129), 'émoji']) expect(errorType(() => checkExternalId(bad))).toBe('invalid_external_id');
  });
  it('checkSessionDuration (5 ... 527040 minutes)', () => {
    expect(checkSessionDuration(5)).toBe(5);
    expect(checkSessionDuration(527040)).toBe(527040);
    for (const bad of [4, 0, -5, 527041, 5.5, Number.NaN]) expect(errorType(() => checkSessionDuration(bad))).toBe('invalid_session_duration_minutes');
  });
  it('checkMetadata: 20 top-level keys, 4 KB, bounded depth', () => {
    expect(checkMetadata({ a: 1 }, 'trusted_metadata')).toEqual({ a: 1 });
    const many = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i]));
    expect(errorType(() => checkMetadata(many, 'x'))).toBe('invalid_metadata');
    expect(errorType(() => checkMetadata({ a: 'x'.repeat(4100) }, 'x'))).toBe('invalid_metadata');
    let deep: unknown = 1;
    for (let i = 0; i < 11; i++) deep = [deep];
    expect(errorType(() => checkMetadata({ deep }, 'x'))).toBe('invalid_metadata');
    expect(mergeMetadata({ a: 1, b: 2 }, { a: null, c: 3 }, 'x')).toEqual({ b: 2, c: 3 });
    expect(errorType(() => mergeMetadata(many, {}, 'x'))).toBe('invalid_metadata');
  });
  it('jsonDepth is iterative and stops at the limit', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = { d: deep };
    expect(jsonDepth(deep, 10)).toBe(11);
    expect(jsonDepth({ a: [1, { b: 2 }] }, 10)).toBe(3);
  });
  it('checkRoles: no stytch_ roles, bounded ids, de-duplicated', () => {
    expect(checkRoles(['admin', 'admin', 'billing:read'])).toEqual(['admin', 'billing:read']);
    for (const bad of [['stytch_admin'], ['has space'], ['x'.repeat(65)], Array.from({ length: 51 }, (_, i) => `r${i}`)]) {
      expect(errorType(() => checkRoles(bad))).toBe('invalid_roles');
    }
  });
  it('checkName fills missing parts with "" and bounds their length', () => {
    expect(checkName({ first_name: 'Ada' })).toEqual({ first_name: 'Ada', middle_name: '', last_name: '' });
    expect(errorType(() => checkName({ last_name: 'x'.repeat(257) }))).toBe('invalid_argument');
  });
  it('search operands', () => {
    expect(parseOperand({ filter_name: 'status', filter_value: 'pending' })).toEqual({ kind: 'status', value: 'pending' });
    expect(parseOperand({ filter_name: 'totp_verified', filter_value: true })).toEqual({ kind: 'never' });
    for (const bad of [
      { filter_name: 'status', filter_value: 'deleted' },
      { filter_name: 'created_at_greater_than', filter_value: 'yesterday' },
      { filter_name: 'created_at_between', filter_value: { greater_than: '2020-01-01T00:00:00Z' } },
      { filter_name: 'user_id', filter_value: 'not-a-list' },
      { filter_name: 'email_address_fuzzy', filter_value: 'ab' },
      { filter_name: 'phone_verified', filter_value: 1 },
      { filter_name: 'unknown_filter', filter_value: 1 },
      { filter_value: 1 },
    ]) {
      expect(errorType(() => parseOperand(bad))).toBe('invalid_search_query');
    }
  });
  it('parseJsonBody', () => {
    expect(parseJsonBody('')).toEqual({});
    expect(parseJsonBody('{"a":{"constructor":1}}')).toEqual({ a: { constructor: 1 } });
    for (const bad of ['{', '{"__proto__":{}}', '{"a":{"constructor":{"prototype":{}}}}', '"\\ud800"', '{"\\uDC00":1}', '{"a":"\\u005f\\u005fproto__"}']) {
      const t = errorType(() => parseJsonBody(bad));
      expect(t === 'bad_request' || (bad.includes('u005f') && t === 'ok')).toBe(true);
    }
  });
  it('parseBasic', () => {
    const b = (s: string) => 'Basic ' + Buffer.from(s).toString('base64');
    expect(parseBasic(b('p:s:with:colons'))).toEqual({ user: 'p', password: 's:with:colons' });
    for (const bad of [undefined, '', 'Bearer x', b('nocolon'), b(':s'), 'Basic ' + 'A'.repeat(5000)]) expect(parseBasic(bad)).toBeNull();
  });
  it('validationToApiError names the field and prefers the declared error type', () => {
    const e = validationToApiError([{ instancePath: '', keyword: 'required', params: { missingProperty: 'email' }, parentSchema: { properties: { email: { errorType: 'invalid_email' } } } }], 'body');
    expect([e.type, e.message]).toEqual(['invalid_email', 'The field `email` is required.']);
    const root = validationToApiError([{ instancePath: '', keyword: 'type', params: { type: 'object' } }], 'body');
    expect(root.type).toBe('bad_request');
    const q = validationToApiError([{ instancePath: '/limit', keyword: 'type', params: { type: 'integer' }, parentSchema: {} }], 'querystring');
    expect([q.type, q.message]).toEqual(['invalid_argument', 'The query parameter `limit` must be an integer.']);
  });
});
