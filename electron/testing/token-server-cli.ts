/**
 * The test token server (token-server.ts) as a process, for scripts/token-registry.sh:
 *   tsx electron/testing/token-server-cli.ts DIR
 * reads DIR/key.pem and DIR/cert.pem, serves one user (BERTH_TOKEN_USER / BERTH_TOKEN_PASSWORD, default
 * berth / berth-token-secret) with push and pull on `berth/*` and `group/subgroup/project/*` (GitLab-style
 * nested paths) and the catalog when the state says so (off at start: Hub, GHCR and GitLab refuse it), then
 * writes DIR/token-server.json `{realm, control}` once both ports listen. Ends on SIGTERM or SIGINT.
 */
import fs from 'node:fs';
import path from 'node:path';
import { TokenServer } from './token-server';

/** The registry's `auth.token.service` and `issuer`, as scripts/token-registry.sh writes them. */
export const TOKEN_SERVICE = 'berth-test-registry';
export const TOKEN_ISSUER = 'berth-test-token-server';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: token-server-cli.ts DIR');
  process.exit(2);
}
const user = process.env.BERTH_TOKEN_USER ?? 'berth';
const password = process.env.BERTH_TOKEN_PASSWORD ?? 'berth-token-secret';
const server = new TokenServer({
  users: { [user]: password },
  acl: [
    { user, type: 'repository', name: 'berth/*', actions: ['pull', 'push'] },
    { user, type: 'repository', name: 'group/subgroup/project/*', actions: ['pull', 'push'] },
    { user, type: 'registry', name: 'catalog', actions: ['*'] },
  ],
  service: TOKEN_SERVICE,
  issuer: TOKEN_ISSUER,
  privateKeyPem: fs.readFileSync(path.join(dir, 'key.pem'), 'utf8'),
  certificatePem: fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8'),
});
const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
server.start().then(
  () => fs.writeFileSync(path.join(dir, 'token-server.json'), JSON.stringify({ realm: server.realm, control: server.control })),
  (err: Error) => {
    console.error(`token server: ${err.message}`);
    process.exit(1);
  },
);
