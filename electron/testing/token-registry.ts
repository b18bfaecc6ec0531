/**
 * Test support: the private registry with token auth that scripts/token-registry.sh starts (and
 * scripts/test.sh exports as BERTH_TEST_TOKEN_*), and the control port of its token server
 * (electron/testing/token-server.ts): how long tokens live, whether the catalog is granted, whether the
 * realm is up, how many tokens were issued.
 */
import type { TokenServerState } from './token-server';

/** The token registry and its token server. */
export interface TestTokenRegistry {
  /** `127.0.0.1:PORT` of the registry. */
  host: string;
  /** The token endpoint the registry's challenge names (`http://127.0.0.1:PORT/token`). */
  realm: string;
  username: string;
  password: string;
  /** The token server's state. */
  state(): Promise<TokenServerState>;
  /** Change the token server's state; resolves with the new one. */
  set(patch: Partial<TokenServerState>): Promise<TokenServerState>;
}

/** The state the token server starts in (scripts/token-registry.sh), for tests to restore. */
export const TOKEN_DEFAULTS: Omit<TokenServerState, 'issued'> = { expiresInSeconds: 300, reportedExpiresInSeconds: null, catalog: false, up: true };

/**
 * The token registry (BERTH_TEST_TOKEN_REGISTRY and friends), or null with the reason printed; under CI
 * a missing one fails the suite instead.
 */
export function testTokenRegistry(env: NodeJS.ProcessEnv = process.env): TestTokenRegistry | null {
  const { BERTH_TEST_TOKEN_REGISTRY: host, BERTH_TEST_TOKEN_REALM: realm, BERTH_TEST_TOKEN_CONTROL: control } = env;
  if (!host || !realm || !control) {
    const why = 'BERTH_TEST_TOKEN_REGISTRY/_REALM/_CONTROL are not set; run the tests with `npm test`, which starts scripts/token-registry.sh';
    if (env.CI === 'true') throw new Error(`token-registry suites must run in CI: ${why}`);
    console.warn(`SKIPPING token-registry suite: ${why}`);
    return null;
  }
  const call = async (init?: RequestInit): Promise<TokenServerState> => {
    const res = await fetch(`${control}/state`, init);
    if (!res.ok) throw new Error(`token server control: ${res.status} ${await res.text()}`);
    return (await res.json()) as TokenServerState;
  };
  return {
    host,
    realm,
    username: env.BERTH_TEST_TOKEN_USER ?? 'berth',
    password: env.BERTH_TEST_TOKEN_PASSWORD ?? 'berth-token-secret',
    state: () => call(),
    set: (patch) => call({ method: 'POST', body: JSON.stringify(patch), headers: { 'content-type': 'application/json' } }),
  };
}
