import type { PluginData } from '@tessera/edge/pages';

export const onRequest = (context: { data: PluginData }) => {
  const { session, user } = context.data.stytch.session;
  return Response.json({ user_id: session.user_id, session_id: session.session_id, email: (user as { emails?: { email: string }[] } | undefined)?.emails?.[0]?.email ?? null });
};
