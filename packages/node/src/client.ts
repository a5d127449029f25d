/**
 * `new Client({ project_id, secret, base_url })`: the consumer client, a drop-in for the official
 * `stytch` package's `Client` on everything a Tessera server serves.
 *
 * @module
 */
import type { ClientConfig } from './config.js';
import { BaseClient, connect } from './connection.js';
import { Passwords } from './passwords.js';
import { PolicyCache, consumerPolicy } from './rbac-policy.js';
import { Sessions } from './sessions.js';
import { Users } from './users.js';

export class Client extends BaseClient {
  readonly users: Users;
  readonly passwords: Passwords;
  readonly sessions: Sessions;

  constructor(config: ClientConfig) {
    const connection = connect(config, '/v1/sessions/jwks/', '/v1/sessions/revocations');
    super(connection);
    const { transport, verifier, revocations } = connection;
    this.users = new Users(transport);
    this.passwords = new Passwords(transport);
    this.sessions = new Sessions(transport, verifier, new PolicyCache(() => consumerPolicy(transport)), revocations);
  }
}
