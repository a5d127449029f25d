/** Calls the test clock routes (a Tessera extension the official client does not know) with Basic auth. */
export interface ClockAnswer {
  status: number;
  body: Record<string, unknown>;
}

export async function clockCall(
  url: string,
  project: { project_id: string; secret: string },
  method: 'GET' | 'POST',
  path: '' | '/advance' | '/reset',
  body?: unknown,
): Promise<ClockAnswer> {
  const res = await fetch(`${url}/v1/test/clock${path}`, {
    method,
    headers: {
      authorization: `Basic ${Buffer.from(`${project.project_id}:${project.secret}`).toString('base64')}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Advances the project's clock and returns the new offset (fails the test on anything but 200). */
export async function advance(url: string, project: { project_id: string; secret: string }, duration: unknown): Promise<number> {
  const r = await clockCall(url, project, 'POST', '/advance', { duration });
  if (r.status !== 200) throw new Error(`advance ${JSON.stringify(duration)}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.offset_ms as number;
}
