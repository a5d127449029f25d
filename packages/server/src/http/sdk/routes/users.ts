import { Type } from 'typebox';
import { callerSession } from '../../../domain/sdk/caller-session.js';
import { updateUser } from '../../../domain/users/update-user.js';
import { userView } from '../../../domain/users/user-view.js';
import { Body, JsonObj, Name } from '../../schema.js';
import { sdkSessionRoute } from '../sdk-route.js';

export const sdkUserRoutes = [
  sdkSessionRoute({
    method: 'GET',
    url: '/sdk/v1/users/me',
    summary: "The caller's user; the user fields are at the top level of data",
    async handler({ ctx, sessionToken }) {
      const { user } = await callerSession(ctx, sessionToken);
      return userView(user, ctx.clock());
    },
  }),
  sdkSessionRoute({
    method: 'PUT',
    url: '/sdk/v1/users/me',
    summary: "Update the caller's name or untrusted_metadata; the updated user is in __user",
    // What a page may change about its own user: never trusted_metadata, roles or external_id.
    body: Body({ name: Type.Optional(Name), untrusted_metadata: Type.Optional(JsonObj({ errorType: 'invalid_metadata' })) }),
    async handler({ ctx, sessionToken }, { body }) {
      const { user } = await callerSession(ctx, sessionToken);
      const view = userView(await updateUser(ctx, user.user_id, { name: body.name, untrusted_metadata: body.untrusted_metadata }), ctx.clock());
      return { user_id: view.user_id, emails: view.emails, phone_numbers: view.phone_numbers, crypto_wallets: view.crypto_wallets, __user: view };
    },
  }),
];
