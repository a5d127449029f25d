/**
 * `new B2BClient({ project_id, secret, base_url })`: the B2B client, a drop-in for the official `stytch`
 * package's `B2BClient` on everything a Tessera server serves (organizations, members, member passwords,
 * member sessions, RBAC). Member session JWTs are verified locally against the B2B JWKS.
 *
 * @module
 */
import type { ClientConfig } from '../config.js';
import { BaseClient, connect } from '../connection.js';
import { B2BOrganizations } from './organizations.js';
import { B2BPasswords } from './passwords.js';
import { B2BRBAC } from './rbac.js';
import { B2BPolicyCache } from './rbac-local.js';
import { B2BSessions } from './sessions.js';

export class B2BClient extends BaseClient {
  readonly organizations: B2BOrganizations;
  readonly passwords: B2BPasswords;
  readonly sessions: B2BSessions;
  readonly rbac: B2BRBAC;

  constructor(config: ClientConfig) {
    const connection = connect(config, '/v1/b2b/sessions/jwks/', '/v1/b2b/sessions/revocations');
    super(connection);
    const { transport, verifier, revocations } = connection;
    this.organizations = new B2BOrganizations(transport);
    this.passwords = new B2BPasswords(transport);
    this.rbac = new B2BRBAC(transport);
    this.sessions = new B2BSessions(transport, verifier, new B2BPolicyCache(this.rbac), revocations);
  }
}
