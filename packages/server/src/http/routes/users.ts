import { Type } from 'typebox';
import { createUser } from '../../domain/users/create-user.js';
import { deleteUser } from '../../domain/users/delete-user.js';
import { getUser } from '../../domain/users/get-user.js';
import { searchUsers } from '../../domain/users/search-users.js';
import { updateUser } from '../../domain/users/update-user.js';
import { userView } from '../../domain/users/user-view.js';
import { Body, Email, JsonObj, Name, Str } from '../schema.js';
import { secretRoute } from '../route.js';
import { SearchFields } from './search-fields.js';

const UserIdParams = Type.Object({ user_id: Str({ maxLength: 256, errorType: 'invalid_user_id' }) });
const Attributes = Type.Object({ ip_address: Type.Optional(Str()), user_agent: Type.Optional(Str()) });
const Roles = Type.Array(Str({ maxLength: 64, errorType: 'invalid_roles' }), { maxItems: 100, errorType: 'invalid_roles' });

export const userRoutes = [
  secretRoute({
    method: 'POST',
    url: '/v1/users',
    summary: 'Create a user',
    body: Body({
      email: Type.Optional(Email()),
      phone_number: Type.Optional(Str({ maxLength: 64, errorType: 'invalid_phone_number' })),
      name: Type.Optional(Name),
      attributes: Type.Optional(Attributes),
      create_user_as_pending: Type.Optional(Type.Boolean()),
      trusted_metadata: Type.Optional(JsonObj({ errorType: 'invalid_metadata' })),
      untrusted_metadata: Type.Optional(JsonObj({ errorType: 'invalid_metadata' })),
      external_id: Type.Optional(Str({ maxLength: 256, errorType: 'invalid_external_id' })),
      roles: Type.Optional(Roles),
    }),
    async handler(ctx, { body }) {
      const user = await createUser(ctx, body);
      return {
        user_id: user.user_id,
        email_id: user.emails[0]?.email_id ?? '',
        phone_id: user.phones[0]?.phone_id ?? '',
        status: user.status,
        user: userView(user, ctx.clock()),
      };
    },
  }),
  secretRoute({
    method: 'GET',
    url: '/v1/users/:user_id',
    summary: 'Get a user (by user_id or external_id); the user fields are at the top level',
    params: UserIdParams,
    async handler(ctx, { params }) {
      return userView(await getUser(ctx, params.user_id), ctx.clock());
    },
  }),
  secretRoute({
    method: 'PUT',
    url: '/v1/users/:user_id',
    summary: 'Update a user',
    params: UserIdParams,
    body: Body({
      name: Type.Optional(Name),
      attributes: Type.Optional(Attributes),
      trusted_metadata: Type.Optional(JsonObj({ errorType: 'invalid_metadata' })),
      untrusted_metadata: Type.Optional(JsonObj({ errorType: 'invalid_metadata' })),
      external_id: Type.Optional(Str({ maxLength: 256, errorType: 'invalid_external_id' })),
      roles: Type.Optional(Roles),
    }),
    async handler(ctx, { params, body }) {
      const view = userView(await updateUser(ctx, params.user_id, body), ctx.clock());
      return { user_id: view.user_id, emails: view.emails, phone_numbers: view.phone_numbers, crypto_wallets: view.crypto_wallets, user: view };
    },
  }),
  secretRoute({
    method: 'DELETE',
    url: '/v1/users/:user_id',
    summary: "Delete a user and revoke all of the user's sessions",
    params: UserIdParams,
    async handler(ctx, { params }) {
      return { user_id: await deleteUser(ctx, params.user_id) };
    },
  }),
  secretRoute({
    method: 'POST',
    url: '/v1/users/search',
    audit: false, // a read
    summary: 'Search users with filters and cursor pagination',
    body: Body(SearchFields),
    async handler(ctx, { body }) {
      const { users, total, next_cursor } = await searchUsers(ctx, body);
      const now = ctx.clock();
      return { results: users.map((u) => userView(u, now)), results_metadata: { total, next_cursor } };
    },
  }),
];
