/**
 * What the log-in dialog tells a person about a registry's conventions, from the host typed:
 * - NGC (`nvcr.io`): the user is literally `$oauthtoken` and the password an NGC API key
 *   (NVIDIA NGC docs, "Accessing the NGC Container Registry").
 * - GHCR (`ghcr.io`): a personal access token (classic) with `read:packages` (`write:packages` to push)
 *   as the password (GitHub docs, "Working with the Container registry").
 * - GitLab (`registry.gitlab.com` or a host naming gitlab): a personal, project or deploy token with
 *   `read_registry` (`write_registry` to push) (GitLab docs, "Authenticate with the container registry").
 * - Docker Hub (`docker.io`): the password or a personal access token (Docker docs, "Access tokens").
 */

/** A user to prefill (only where the registry fixes it) and the hints under the two fields. */
export interface LoginHints {
  username?: string;
  usernameHint?: string;
  passwordHint: string;
}

const STORED = 'Stored where docker login stores it (config.json or your credential helper).';

/** The hints for `registry` as typed (`nvcr.io`, `https://ghcr.io/`, `gitlab.example.com:5050`, …). */
export function loginHints(registry: string): LoginHints {
  const host = registry
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/[/:].*$/, '');
  if (host === 'nvcr.io') {
    return { username: '$oauthtoken', usernameHint: 'NGC log-ins use the user name $oauthtoken, as it is.', passwordHint: `Your NGC API key. ${STORED}` };
  }
  if (host === 'ghcr.io') {
    return { passwordHint: `A GitHub personal access token (classic) with read:packages, and write:packages to push; not your GitHub password. ${STORED}` };
  }
  if (/(^|[.-])gitlab([.-]|$)/.test(host)) {
    return { passwordHint: `A GitLab personal, project or deploy token with read_registry, and write_registry to push. ${STORED}` };
  }
  if (host === 'docker.io' || host === 'index.docker.io' || host === 'registry-1.docker.io') {
    return { passwordHint: `Your Docker Hub password or a personal access token. ${STORED}` };
  }
  return { passwordHint: `Or an access token. ${STORED}` };
}
