import { Type } from 'typebox';
import { JsonObj, Str } from '../schema.js';

const Salted = Type.Object({ prepend_salt: Type.Optional(Str()), append_salt: Type.Optional(Str()) });

/** The hash fields of the consumer and B2B `passwords/migrate` bodies (checked in depth by `parseMigratedHash`). */
export const MigrateHashFields = {
  hash: Str({ maxLength: 4096, errorType: 'invalid_password_hash' }),
  hash_type: Str({ maxLength: 64, errorType: 'invalid_hash_type' }),
  md_5_config: Type.Optional(Salted),
  sha_1_config: Type.Optional(Salted),
  sha_512_config: Type.Optional(Salted),
  argon_2_config: Type.Optional(JsonObj({ errorType: 'invalid_password_hash' })),
  scrypt_config: Type.Optional(JsonObj({ errorType: 'invalid_password_hash' })),
  pbkdf_2_config: Type.Optional(JsonObj({ errorType: 'invalid_password_hash' })),
};
