/** Drops the `__user` field the server adds for the SDK's own state (the official SDK's `omitUser`). */
export function omitUser<T extends object>(answer: T): T {
  if (!('__user' in answer)) return answer;
  const { __user: _, ...rest } = answer as T & { __user: unknown };
  return rest as T;
}
