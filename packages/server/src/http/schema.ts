/**
 * TypeBox building blocks for request schemas. A property can name the Stytch `error_type` reported when
 * it fails validation (`errorType`), which `validation-error.ts` reads back from Ajv's verbose errors.
 * Unknown properties are always allowed: newer official clients send fields Tessera may not know yet.
 *
 * @module
 */
import { Type, type TSchema } from 'typebox';
import type { ErrorType } from '@tessera/core';

type WithErrorType = { errorType?: ErrorType };

/** A bounded string; every string in a request has a maximum length. */
export const Str = (opts: { maxLength?: number; minLength?: number } & WithErrorType = {}) =>
  Type.String({ maxLength: 4096, ...opts });

/** A free-form JSON object (metadata, custom claims). Size and depth are checked by the domain. */
export const JsonObj = (opts: WithErrorType = {}) => Type.Record(Type.String(), Type.Unknown(), opts);

export const Name = Type.Object({
  first_name: Type.Optional(Str({ maxLength: 1024 })),
  middle_name: Type.Optional(Str({ maxLength: 1024 })),
  last_name: Type.Optional(Str({ maxLength: 1024 })),
});

export const SessionFields = {
  session_token: Type.Optional(Str({ maxLength: 16384, errorType: 'invalid_session_token' })),
  session_jwt: Type.Optional(Str({ maxLength: 16384, errorType: 'unable_to_parse_session_jwt' })),
  session_duration_minutes: Type.Optional(Type.Integer({ errorType: 'invalid_session_duration_minutes' })),
  session_custom_claims: Type.Optional(
    Type.Union([JsonObj(), Type.Null()], { errorType: 'unable_to_represent_custom_claims_json' }),
  ),
};

export const Email = (errorType: ErrorType = 'invalid_email') => Str({ maxLength: 512, errorType });

/** The root of every JSON body: an object. */
export const Body = <T extends Record<string, TSchema>>(props: T) => Type.Object(props);
