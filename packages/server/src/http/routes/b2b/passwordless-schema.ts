/**
 * TypeBox pieces shared by the B2B passwordless routes, backend and frontend (`/sdk/v1/b2b`).
 *
 * @module
 */
import { Type } from 'typebox';
import { Str } from '../../schema.js';

export const OrganizationId = () => Str({ maxLength: 256 });
export const Url = () => Type.Optional(Str({ maxLength: 2048, errorType: 'invalid_magic_link_url' }));
export const Minutes = () => Type.Optional(Type.Integer({ errorType: 'invalid_expiration_minutes' }));
export const TemplateId = () => Type.Optional(Str({ maxLength: 256 }));
export const Locale = () => Type.Optional(Str({ maxLength: 16 }));
export const Challenge = () => Type.Optional(Str({ maxLength: 256, errorType: 'invalid_argument' }));
export const Verifier = () => Type.Optional(Str({ maxLength: 256, errorType: 'invalid_argument' }));
export const OneTimeToken = () => Str({ maxLength: 1024 });
export const Ist = () => Type.Optional(Str({ maxLength: 1024 }));
export const Code = () => Str({ maxLength: 16, errorType: 'invalid_code' });
