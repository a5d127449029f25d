// Stand-ins for `next/headers` and `next/navigation` (Next.js is exercised for real in the frontend
// issue's example app): `cookies()` reads the current request's cookies, `redirect()` throws like Next does.
export const requestCookies = new Map<string, string>();

export function cookies() {
  return {
    get: (name: string) => (requestCookies.has(name) ? { name, value: requestCookies.get(name)! } : undefined),
  };
}

export class RedirectError extends Error {
  constructor(readonly url: string) {
    super(`NEXT_REDIRECT ${url}`);
  }
}

export function redirect(url: string): never {
  throw new RedirectError(url);
}
