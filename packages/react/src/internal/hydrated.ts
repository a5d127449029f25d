import { useEffect, useState } from 'react';

/**
 * False on the server and during the first client render, true once mounted (or from the start with
 * `assumeHydrated`): the hooks answer "uninitialised" until then, so the first client render matches the
 * server's HTML.
 */
export function useHydrated(assumeHydrated: boolean): boolean {
  const [hydrated, setHydrated] = useState(assumeHydrated);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
