import type { Deps } from '../context.js';

/**
 * Deletes outbox rows past their keep time (never a message still waiting to be sent) and one-time tokens
 * past their expiry: run now and then by the mail sender, or by the server's purge timer without SMTP.
 */
export async function purgeExpiredMail(deps: Pick<Deps, 'stores' | 'clock'>): Promise<{ messages: number; tokens: number }> {
  const now = deps.clock();
  const [messages, tokens] = await Promise.all([deps.stores.outbox.purgeExpired(now), deps.stores.oneTimeTokens.purgeExpired(now)]);
  return { messages, tokens };
}
