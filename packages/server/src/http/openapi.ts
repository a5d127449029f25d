/**
 * The OpenAPI 3.1 document of the `/v1` API, generated from the same TypeBox schemas that validate
 * requests, so it cannot drift from what the server accepts. Served at `GET /openapi.json`.
 *
 * @module
 */
import { ERROR_REGISTRY } from '@tessera/core';
import type { TSchema } from 'typebox';
import type { AnyRoute } from './route.js';

type Json = Record<string, unknown>;

/** Drops the schema annotations OpenAPI does not know (our `errorType`), keeping the JSON Schema. */
function clean(schema: TSchema): Json {
  return JSON.parse(JSON.stringify(schema, (k, v) => (k === 'errorType' ? undefined : v)));
}

function parameters(r: AnyRoute): Json[] {
  const out: Json[] = [];
  for (const [where, schema] of [['path', r.params], ['query', r.query]] as const) {
    const props = (schema as { properties?: Record<string, TSchema> } | undefined)?.properties ?? {};
    const required = new Set((schema as { required?: string[] } | undefined)?.required ?? []);
    for (const [name, s] of Object.entries(props)) out.push({ name, in: where, required: where === 'path' || required.has(name), schema: clean(s) });
  }
  return out;
}

export function openApiDocument(routes: AnyRoute[], version: string): Json {
  const paths: Record<string, Json> = {};
  for (const r of routes) {
    const path = r.url.replace(/:([a-z_]+)/g, '{$1}');
    const operation: Json = {
      summary: r.summary ?? '',
      security: r.auth === 'secret' ? [{ projectSecret: [] }] : r.auth === 'none' || r.auth === 'telemetry' || r.auth === 'bootstrap' ? [] : [{ publicToken: [] }],
      parameters: parameters(r),
      responses: {
        '200': {
          description: r.url.startsWith('/sdk/')
            ? 'Success: `{ data: { ...fields, status_code, request_id } }` (frontend API envelope).'
            : 'Success: the fields below plus `status_code` and `request_id`.',
        },
        default: { description: 'A Stytch-shaped error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    };
    if (r.body) operation.requestBody = { required: true, content: { 'application/json': { schema: clean(r.body) } } };
    (paths[path] ??= {})[r.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Tessera (Stytch-compatible API)', version },
    paths,
    components: {
      securitySchemes: {
        projectSecret: { type: 'http', scheme: 'basic', description: 'project_id:secret' },
        publicToken: { type: 'http', scheme: 'basic', description: 'public_token:session_token (public_token:public_token without a session)' },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['status_code', 'request_id', 'error_type', 'error_message', 'error_url'],
          properties: {
            status_code: { type: 'integer' },
            request_id: { type: 'string' },
            error_type: { type: 'string', enum: Object.keys(ERROR_REGISTRY) },
            error_message: { type: 'string' },
            error_url: { type: 'string' },
            error_details: { type: 'object' },
          },
        },
      },
    },
  };
}
