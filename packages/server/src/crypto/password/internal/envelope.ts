/**
 * Stored form of a migrated hash: `$tessera-migrated` followed by a self-describing, PHC-style inner string
 * whose first field names the scheme (`$2b$...`, `$P$...`, `$md5$...`, `$scrypt$...`, `$pbkdf2-sha256$...`,
 * `$argon2i$...`). The prefix is what tells a migrated argon2id apart from one of our own: a migrated hash
 * is always upgraded after the first successful login, whatever its parameters.
 *
 * @module
 */

const PREFIX = '$tessera-migrated';

export function wrapMigrated(inner: string): string {
  return PREFIX + inner;
}

/** The inner string, or null if `stored` is not a migrated hash. */
export function unwrapMigrated(stored: string): string | null {
  return stored.startsWith(`${PREFIX}$`) ? stored.slice(PREFIX.length) : null;
}

/** The scheme id of an inner string: `2b` for `$2b$12$...`. */
export function schemeId(inner: string): string {
  const end = inner.indexOf('$', 1);
  return end > 1 ? inner.slice(1, end) : '';
}
