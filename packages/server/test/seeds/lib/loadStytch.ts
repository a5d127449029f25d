// The seed's route handler imports `../../lib/loadStytch` (unused by its body). This is the usual shape
// of that helper in Stytch's example apps: a lazily created backend client.
import * as stytch from 'stytch';

let client: stytch.Client | undefined;
export default function loadStytch(): stytch.Client {
  client ??= new stytch.Client({
    project_id: process.env.STYTCH_PROJECT_ID || '',
    secret: process.env.STYTCH_SECRET || '',
    env: process.env.TESSERA_URL,
  });
  return client;
}
