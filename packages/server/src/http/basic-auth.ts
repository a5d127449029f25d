/** Parses `Authorization: Basic base64(user:password)`; null when absent or malformed. */
export function parseBasic(header: string | undefined): { user: string; password: string } | null {
  if (!header || header.length > 4096) return null;
  const m = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
  if (!m) return null;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i <= 0) return null;
  return { user: decoded.slice(0, i), password: decoded.slice(i + 1) };
}
