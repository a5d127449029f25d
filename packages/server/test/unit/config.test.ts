import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, defaultPasswordWorkers, loadConfig, redactDatabaseUrl } from '../../src/config.js';

describe('loadConfig()', () => {
  it('defaults to 127.0.0.1:4000 and SQLite under ./.tessera', () => {
    const c = loadConfig({}, '/srv/app');
    expect(c).toMatchObject({ host: '127.0.0.1', port: 4000, dataDir: '/srv/app/.tessera', databaseUrl: 'sqlite:/srv/app/.tessera/tessera.db' });
    expect(c.masterKey).toEqual({ kind: 'data-dir', path: '/srv/app/.tessera/master.key' });
    expect(Object.isFrozen(c)).toBe(true);
  });
  it('TESSERA_ADMIN: the console is on by default, off with "off", anything else is a problem', () => {
    expect(loadConfig({}).adminConsole).toBe(true);
    expect(loadConfig({ TESSERA_ADMIN: 'OFF' }).adminConsole).toBe(false);
    expect(loadConfig({ TESSERA_ADMIN: 'on' }).adminConsole).toBe(true);
    expect(() => loadConfig({ TESSERA_ADMIN: 'maybe' })).toThrow(/TESSERA_ADMIN must be on or off/);
  });
  it('TESSERA_AUDIT_RETENTION: 90 days by default, any duration, a clear problem otherwise', () => {
    expect(loadConfig({}).auditRetentionMs).toBe(90 * 86_400_000);
    expect(loadConfig({ TESSERA_AUDIT_RETENTION: '400d' }).auditRetentionMs).toBe(400 * 86_400_000);
    expect(() => loadConfig({ TESSERA_AUDIT_RETENTION: 'forever' })).toThrow(/TESSERA_AUDIT_RETENTION must be a duration/);
  });
  it('TESSERA_TRUST_PROXY: off by default; a hop count or proxy addresses and ranges; trusting everyone is refused', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TESSERA_TRUST_PROXY: 'off' }).trustProxy).toBe(false);
    expect(loadConfig({ TESSERA_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TESSERA_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1,fd00::/8,loopback' }).trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8', 'loopback']);
    for (const bad of ['true', 'on', '*', '0', '17', '10.0.0.0/33', 'fd00::/129', '10.0.0.1/8/1', 'proxy.internal', '127.0.0.1,']) {
      expect(() => loadConfig({ TESSERA_TRUST_PROXY: bad }), bad).toThrow(/TESSERA_TRUST_PROXY (must be off, a hop count|hop count must be between 1 and 16)/);
    }
    try {
      loadConfig({ TESSERA_TRUST_PROXY: '10.0.0.1,nope', TESSERA_PORT: 'x' });
      expect.unreachable();
    } catch (e) {
      expect((e as ConfigError).problems).toEqual([expect.stringMatching(/TESSERA_PORT/), expect.stringMatching(/not "nope"$/)]);
    }
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
    expect(c.masterKey.kind).toBe('env');
    expect(c.masterKey.kind === 'env' && c.masterKey.key).toEqual(new Uint8Array(32).fill(0xab));
    expect(c.seedProject?.projectId).toBe('project-test-6f0c7c2e-0000-4000-8000-000000000001');
  });
  it('accepts postgres:// and postgresql:// URLs, with pool size and statement timeout settings', () => {
    expect(loadConfig({ TESSERA_DATABASE_URL: 'postgres://x/y' })).toMatchObject({ databaseUrl: 'postgres://x/y', databasePoolSize: 10, databaseStatementTimeoutMs: 5000 });
    expect(
      loadConfig({ TESSERA_DATABASE_URL: 'postgresql://u:p@x:5433/y', TESSERA_DATABASE_POOL_SIZE: '3', TESSERA_DATABASE_STATEMENT_TIMEOUT_MS: '250' }),
    ).toMatchObject({ databasePoolSize: 3, databaseStatementTimeoutMs: 250 });
    expect(() => loadConfig({ TESSERA_DATABASE_POOL_SIZE: '0' })).toThrow(/TESSERA_DATABASE_POOL_SIZE/);
  });

  it('TESSERA_SQLITE_MMAP_MB: 2048 MiB by default (SQLite\'s cap in this build), 0 turns the mapping off, more is refused', () => {
    expect(loadConfig({}).sqliteMmapMib).toBe(2048);
    expect(loadConfig({ TESSERA_SQLITE_MMAP_MB: '0' }).sqliteMmapMib).toBe(0);
    expect(loadConfig({ TESSERA_SQLITE_MMAP_MB: '256' }).sqliteMmapMib).toBe(256);
    for (const bad of ['4096', '-1', '1.5', 'lots']) {
      expect(() => loadConfig({ TESSERA_SQLITE_MMAP_MB: bad })).toThrow(`TESSERA_SQLITE_MMAP_MB must be an integer between 0 and 2048 (got "${bad}")`);
    }
  });

  it('TESSERA_SQLITE_READ_CACHE: 16,384 records per read cache by default, 0 turns the caches off', () => {
    expect(loadConfig({}).sqliteReadCacheEntries).toBe(16_384);
    expect(loadConfig({ TESSERA_SQLITE_READ_CACHE: '0' }).sqliteReadCacheEntries).toBe(0);
    for (const bad of ['-1', '1.5', 'many']) expect(() => loadConfig({ TESSERA_SQLITE_READ_CACHE: bad })).toThrow(/TESSERA_SQLITE_READ_CACHE must be an integer/);
  });

  it('never echoes the database password: errors and redactDatabaseUrl replace it with ***', () => {
    expect(redactDatabaseUrl('postgres://tessera:s3cr3t-pw@db:5432/t')).toBe('postgres://tessera:***@db:5432/t');
    expect(redactDatabaseUrl('postgres://tessera@db/t?password=s3cr3t-pw')).not.toContain('s3cr3t-pw');
    expect(redactDatabaseUrl('sqlite:/tmp/x.db')).toBe('sqlite:/tmp/x.db');
    for (const url of ['mysql://root:s3cr3t-pw@db/t', 'postgres://root:s3cr3t-pw@/t']) {
      let message = '';
      try {
        loadConfig({ TESSERA_DATABASE_URL: url });
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).toMatch(/TESSERA_DATABASE_URL/);
      expect(message).not.toContain('s3cr3t-pw');
    }
  });

  it('password workers default to one per core but one (at least one), queues to 64 per project and 1024 in all', () => {
    expect(loadConfig({})).toMatchObject({
      passwordWorkers: Math.max(1, os.availableParallelism() - 1),
      passwordQueuePerProject: 64,
      passwordQueueTotal: 1024,
    });
    expect([1, 2, 4, 16].map((cores) => defaultPasswordWorkers(cores))).toEqual([1, 1, 3, 15]);
  });
  it('reads the password pool settings, and reports each bad one with the others', () => {
    const c = loadConfig({ TESSERA_PASSWORD_WORKERS: '3', TESSERA_PASSWORD_QUEUE_PER_PROJECT: '8', TESSERA_PASSWORD_QUEUE_TOTAL: '100' });
    expect([c.passwordWorkers, c.passwordQueuePerProject, c.passwordQueueTotal]).toEqual([3, 8, 100]);
    try {
      loadConfig({ TESSERA_PASSWORD_WORKERS: '0', TESSERA_PASSWORD_QUEUE_PER_PROJECT: 'many', TESSERA_PORT: '-1' });
      expect.unreachable();
    } catch (e) {
      const problems = (e as ConfigError).problems.join('\n');
      expect(problems).toMatch(/TESSERA_PASSWORD_WORKERS must be an integer between 1 and 64/);
      expect(problems).toMatch(/TESSERA_PASSWORD_QUEUE_PER_PROJECT must be an integer between 1 and 100000/);
      expect(problems).toMatch(/TESSERA_PORT/);
    }
    expect(() => loadConfig({ TESSERA_PASSWORD_QUEUE_PER_PROJECT: '128', TESSERA_PASSWORD_QUEUE_TOTAL: '100' })).toThrow(
      /TESSERA_PASSWORD_QUEUE_TOTAL \(100\) must be at least TESSERA_PASSWORD_QUEUE_PER_PROJECT \(128\)/,
    );
  });
  it('TESSERA_MASTER_KEY_FILE names a key file (resolved from the working directory) instead of <dataDir>/master.key', () => {
    expect(loadConfig({ TESSERA_MASTER_KEY_FILE: 'secrets/master-key' }, '/srv/app').masterKey).toEqual({
      kind: 'file',
      path: '/srv/app/secrets/master-key',
      systemdCredential: false,
    });
    // a systemd credential (LoadCredential=) is recognised by the directory systemd names
    const credentials = { CREDENTIALS_DIRECTORY: '/run/credentials/tessera.service' };
    expect(loadConfig({ ...credentials, TESSERA_MASTER_KEY_FILE: '/run/credentials/tessera.service/master-key' }).masterKey).toEqual({
      kind: 'file',
      path: '/run/credentials/tessera.service/master-key',
      systemdCredential: true,
    });
    expect(loadConfig({ ...credentials, TESSERA_MASTER_KEY_FILE: '/etc/tessera/master-key' }).masterKey).toMatchObject({ systemdCredential: false });
    expect(loadConfig({ TESSERA_MASTER_KEY_FILE: '/run/credentials/tessera.service/master-key' }).masterKey).toMatchObject({ systemdCredential: false });
  });
  it('refuses TESSERA_MASTER_KEY together with TESSERA_MASTER_KEY_FILE', () => {
    expect(() => loadConfig({ TESSERA_MASTER_KEY: 'ab'.repeat(32), TESSERA_MASTER_KEY_FILE: '/run/secrets/key' })).toThrow(
      /TESSERA_MASTER_KEY and TESSERA_MASTER_KEY_FILE are both set/,
    );
  });
  it('no longer reads TESSERA_ALLOWED_ORIGINS (unused until per-project origins exist)', () => {
    const c = loadConfig({ TESSERA_ALLOWED_ORIGINS: 'not an origin' });
    expect(c).not.toHaveProperty('allowedOrigins');
  });
  it('TESSERA_METRICS_TOKEN (16+ characters, never echoed), TESSERA_METRICS_PORT and TESSERA_METRICS_HOST', () => {
    const none = loadConfig({});
    expect([none.metricsToken, none.metricsPort, none.metricsHost]).toEqual([undefined, undefined, '127.0.0.1']);
    const c = loadConfig({ TESSERA_METRICS_TOKEN: 'abcdef0123456789', TESSERA_METRICS_PORT: '9464', TESSERA_METRICS_HOST: '10.0.0.5' });
    expect([c.metricsToken, c.metricsPort, c.metricsHost]).toEqual(['abcdef0123456789', 9464, '10.0.0.5']);
    expect(loadConfig({ TESSERA_METRICS_PORT: '0' }).metricsPort).toBe(0);
    let error: ConfigError | undefined;
    try {
      loadConfig({ TESSERA_METRICS_TOKEN: 'short-tok3n', TESSERA_METRICS_PORT: '70000' });
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error?.problems).toEqual([
      'TESSERA_METRICS_TOKEN must be 16 to 256 characters without spaces (e.g. `openssl rand -hex 32`)',
      'TESSERA_METRICS_PORT must be an integer between 0 and 65535 (got "70000")',
    ]);
    expect(error?.message).not.toContain('short-tok3n');
    expect(() => loadConfig({ TESSERA_METRICS_TOKEN: 'has a space in it ok' })).toThrow(/TESSERA_METRICS_TOKEN must be/);
  });
});
