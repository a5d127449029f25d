import { describe, expect, it } from 'vitest';
import { mergeCustomClaims } from '../../src/domain/sessions/custom-claims.js';
import { ApiError } from '../../src/domain/errors.js';

const typeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as ApiError).type;
  }
  return 'no error';
};

describe('mergeCustomClaims()', () => {
  it('merges, deletes keys set to null, and ignores reserved registered claims', () => {
    expect(mergeCustomClaims({ a: 1, b: 2 }, { b: null, c: { d: true }, sub: 'evil', exp: 1, iss: 'x' })).toEqual({ a: 1, c: { d: true } });
  });
  it('refuses keys in the https://stytch.com/ namespace', () => {
    expect(typeOf(() => mergeCustomClaims({}, { 'https://stytch.com/session': {} }))).toBe('stytch_claims_in_custom_claims');
  });
  it('enforces the 4 KB cap on the merged result', () => {
    expect(typeOf(() => mergeCustomClaims({ a: 'x'.repeat(3000) }, { b: 'y'.repeat(1100) }))).toBe('custom_claims_too_large');
    expect(mergeCustomClaims({ a: 'x'.repeat(3000) }, { a: null, b: 'y'.repeat(1100) })).toEqual({ b: 'y'.repeat(1100) });
  });
  it('refuses non-objects and absurd nesting', () => {
    expect(typeOf(() => mergeCustomClaims({}, [1, 2]))).toBe('unable_to_represent_custom_claims_json');
    expect(typeOf(() => mergeCustomClaims({}, 'x'))).toBe('unable_to_represent_custom_claims_json');
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = { d: deep };
    expect(typeOf(() => mergeCustomClaims({}, { deep }))).toBe('unable_to_represent_custom_claims_json');
  });
});
