import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_REGISTRY, isErrorType } from '@tessera/core';

const SRC = path.resolve(import.meta.dirname, '../../src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

describe('the error registry', () => {
  it('lists every error_type the server can emit', () => {
    const used = new Set<string>();
    const patterns = [/new ApiError\(\s*'([a-z_]+)'/g, /errorType:\s*'([a-z_]+)'/g, /error_type:\s*'([a-z_]+)'/g, /ApiError\(\s*[^'()]*\?\s*'([a-z_]+)'\s*:\s*'([a-z_]+)'/g];
    for (const file of sources(SRC)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const re of patterns) for (const m of text.matchAll(re)) for (const t of m.slice(1)) if (t) used.add(t);
    }
    expect(used.size).toBeGreaterThan(30);
    const missing = [...used].filter((t) => !isErrorType(t));
    expect(missing).toEqual([]);
  });
  it('gives each type a 4xx/5xx status and a message', () => {
    for (const [type, [status, message]] of Object.entries(ERROR_REGISTRY)) {
      expect(type).toMatch(/^[a-z_]+$/);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(message.length).toBeGreaterThan(5);
    }
  });
});
