import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('loadConfig()', () => {
  it('defaults to 127.0.0.1:4000 and SQLite under ./.tessera', () => {
    const c = loadConfig({}, '/srv/app');
    expect(c).toMatchObject({ host: '127.0.0.1', port: 4000, dataDir: '/srv/app/.tessera', databaseUrl: 'sqlite:/srv/app/.tessera/tessera.db' });
    expect(Object.isFrozen(c)).toBe(true);
  });
  it('lists every problem at once', () => {
    try {
      loadConfig({ TESSERA_PORT: 'x', TESSERA_MASTER_KEY: 'abcd', TESSERA_LOG_LEVEL: 'loud', TESSERA_PROJECT_ID: 'nope' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const problems = (e as ConfigError).problems.join('\n');
      expect(problems).toMatch(/TESSERA_PORT/);
      expect(problems).toMatch(/TESSERA_MASTER_KEY must be 32 random bytes/);
      expect(problems).toMatch(/TESSERA_LOG_LEVEL/);
      expect(problems).toMatch(/TESSERA_PROJECT_ID/);
    }
  });
  it('accepts a 64-hex master key and a seeded project', () => {
    const c = loadConfig({
      TESSERA_MASTER_KEY: 'ab'.repeat(32),
      TESSERA_PROJECT_ID: 'project-test-6f0c7c2e-0000-4000-8000-000000000001',
      TESSERA_SECRET: 'secret-test-abcdefghijklmnopqrstuvwxyz',
    });
    expect(c.masterKey).toHaveLength(32);
    expect(c.seedProject?.projectId).toBe('project-test-6f0c7c2e-0000-4000-8000-000000000001');
  });
  it('refuses PostgreSQL until it is supported, with a clear message', () => {
    expect(() => loadConfig({ TESSERA_DATABASE_URL: 'postgres://x/y' })).toThrow(/not supported by this version yet/);
  });
});
