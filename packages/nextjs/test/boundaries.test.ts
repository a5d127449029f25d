/**
 * The client/server boundary of @tessera/nextjs: client entries start with 'use client' and import no
 * server module; server modules start with `import 'server-only'`, so importing them outside a
 * react-server bundle fails (here: vitest without the react-server condition).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const src = path.join(import.meta.dirname, '..', 'src');
const read = (f: string) => fs.readFileSync(path.join(src, f), 'utf8');

describe('@tessera/nextjs boundaries', () => {
  it("client entries start with 'use client' and do not reach the server helpers", () => {
    for (const f of ['index.ts', 'b2b/index.ts']) {
      const text = read(f);
      expect(text.startsWith("'use client';")).toBe(true);
      expect(text).not.toMatch(/from '[^']*(server|@tessera\/node)[^']*'/);
    }
  });

  it("every server module starts with import 'server-only' or is only reached through one that does", () => {
    for (const f of ['server/index.ts', 'server/get-session.ts', 'server/get-member-session.ts']) expect(read(f).startsWith("import 'server-only';")).toBe(true);
  });

  it('importing the server entry outside a react-server bundle throws', async () => {
    await expect(import('@tessera/nextjs/server')).rejects.toThrow(/Client Component/);
  });
});
