/** The database URL with its password replaced by `***`, fit for logs, errors and the start banner. */
export function redactDatabaseUrl(raw: string): string {
  if (raw.startsWith('sqlite:')) return raw;
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    // A password may also ride in the query string (`?password=`), which libpq accepts.
    if (url.searchParams.has('password')) url.searchParams.set('password', '***');
    return url.toString();
  } catch {
    // Unparseable: show only the scheme, since a password could sit anywhere in it.
    return `${raw.split(':')[0] ?? ''}:(unparseable URL)`;
  }
}
