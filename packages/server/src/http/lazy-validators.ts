/**
 * Route validators compiled on first use instead of at start-up.
 *
 * Fastify compiles every route's JSON Schema with Ajv when the app becomes ready: for Tessera's ~150
 * routes that was about 0.4 s of a cold start (most routes are never called by a given deployment). This
 * is Fastify's own compiler (`@fastify/ajv-compiler`, the version Fastify ships with, same options), with
 * each route's compilation deferred to its first request (a few ms, once). Validation itself is unchanged:
 * the compiled function and its `errors` are what Fastify would have used.
 *
 * @module
 */
import { AjvCompiler } from '@fastify/ajv-compiler';
import type { FastifyServerOptions } from 'fastify';

type ValidatorFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>['buildValidator'];
type Validate = ((data: unknown) => boolean) & { errors?: unknown };

export const lazyValidatorCompiler = ((externalSchemas: unknown, options: unknown) => {
  const compile = AjvCompiler()(externalSchemas as never, options as never);
  return (route: unknown) => {
    let compiled: Validate | undefined;
    const validate: Validate = (data) => {
      compiled ??= compile(route as never) as unknown as Validate;
      const ok = compiled(data);
      validate.errors = compiled.errors;
      return ok;
    };
    return validate;
  };
}) as unknown as ValidatorFactory; // Fastify types the result as Ajv's ValidateFunction; it only calls it and reads `errors`
