/**
 * The Registries view: the registries Berth (and the Docker CLI) is logged in to, log in and out, and a
 * registry's repositories and tags (v2 catalog) with a Pull for each tag. Registries that refuse the
 * catalog (Docker Hub, GHCR, GitLab) are browsed by repository name: its tags with their digests.
 */
import { useCallback, useEffect, useState } from 'react';
import type { RegistryCatalog, RegistryLogin, RegistryRepositoryTags } from '../../../shared/registry';
import { client } from '../../client/client';
import { Field } from '../../components/FormDialog';
import { reportError, useNotices } from '../../stores/notices';
import { PullDialog } from '../images/PullDialog';
import { LoginDialog } from './LoginDialog';

/** The registry host as references name it (Docker Hub's config key shown as docker.io). */
const hostOf = (key: string) => (key === 'https://index.docker.io/v1/' ? 'docker.io' : key);

export function RegistriesView() {
  const [logins, setLogins] = useState<RegistryLogin[] | null>(null);
  const [loggingIn, setLoggingIn] = useState(false);
  const [browse, setBrowse] = useState('');
  const [repository, setRepository] = useState('');
  const [catalog, setCatalog] = useState<RegistryCatalog | null>(null);
  const [tags, setTags] = useState<RegistryRepositoryTags | null>(null);
  const [catalogError, setCatalogError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [pulling, setPulling] = useState<string | null>(null);

  const refresh = useCallback(() => {
    client()
      .call('registry.list', {})
      .then(setLogins)
      .catch((e) => reportError('list registry log-ins', e));
  }, []);
  useEffect(refresh, [refresh]);

  /** List the registry's repositories (the catalog) or, with a repository name, that repository's tags. */
  const open = async (registry: string, name = '') => {
    setBrowse(registry);
    setLoading(true);
    setCatalogError(null);
    setCatalog(null);
    setTags(null);
    try {
      if (name) setTags(await client().call('registry.repository', { registry, repository: name }));
      else setCatalog(await client().call('registry.catalog', { registry }));
    } catch (e) {
      setCatalogError((e as Error).message);
    } finally {
      setLoading(false);
    }
  };

  const logout = async (registry: string) => {
    try {
      await client().call('registry.logout', { registry });
      useNotices.getState().push('info', `Logged out of ${hostOf(registry)}`);
      refresh();
    } catch (e) {
      reportError(`log out of ${registry}`, e);
    }
  };

  return (
    <section className="view" aria-labelledby="registries-title">
      <header className="view-head">
        <h1 id="registries-title">Registries</h1>
        <button type="button" className="primary" onClick={() => setLoggingIn(true)}>
          Log in
        </button>
      </header>
      <table className="plain-table" aria-label="Log-ins">
        <thead>
          <tr>
            <th>Registry</th>
            <th>User</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {logins?.length === 0 && (
            <tr>
              <td colSpan={3} className="muted">
                Not logged in to any registry. Log-ins made with docker login show here too.
              </td>
            </tr>
          )}
          {logins?.map((l) => (
            <tr key={l.registry}>
              <td>{hostOf(l.registry)}</td>
              <td>{l.username}</td>
              <td>
                <span className="actions">
                  <button type="button" onClick={() => void open(hostOf(l.registry))}>
                    Browse
                  </button>
                  <button type="button" className="danger" onClick={() => void logout(l.registry)}>
                    Log out
                  </button>
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="browse-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (browse) void open(browse, repository.trim());
        }}
      >
        <Field label="Browse registry" value={browse} onChange={setBrowse} placeholder="127.0.0.1:5000" />
        <Field
          label="Repository"
          value={repository}
          onChange={setRepository}
          placeholder="team/app (optional)"
          hint="For registries that do not list their repositories (Docker Hub, GHCR, GitLab)."
        />
        <button type="submit" disabled={!browse || loading} aria-busy={loading}>
          {repository.trim() ? 'List tags' : 'List repositories'}
        </button>
      </form>
      {catalogError && <p role="alert" className="error-text">{catalogError}</p>}
      {catalog && (
        <div style={{ overflow: 'auto' }}>
          <table className="plain-table" aria-label={`Repositories of ${hostOf(catalog.registry)}`}>
            <thead>
              <tr>
                <th>Repository</th>
                <th>Tags</th>
              </tr>
            </thead>
            <tbody>
              {catalog.repositories.length === 0 && (
                <tr>
                  <td colSpan={2} className="muted">
                    The registry lists no repositories.
                  </td>
                </tr>
              )}
              {catalog.repositories.map((r) => (
                <tr key={r.name}>
                  <td>{r.name}</td>
                  <td>
                    {r.tags.map((t) => {
                      const ref = `${hostOf(catalog.registry)}/${r.name}:${t}`;
                      return (
                        <span key={t} className="actions" style={{ marginRight: 10 }}>
                          <code>{t}</code>
                          <button type="button" aria-label={`Pull ${ref}`} onClick={() => setPulling(ref)}>
                            Pull
                          </button>
                        </span>
                      );
                    })}
                    {!r.tagsListed && <span className="muted">(tags not listed)</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {tags && (
        <div style={{ overflow: 'auto' }}>
          <table className="plain-table" aria-label={`Tags of ${hostOf(tags.registry)}/${tags.repository}`}>
            <thead>
              <tr>
                <th>Tag</th>
                <th>Digest</th>
                <th>Actions</th>
              </tr>
            </thead>
            <tbody>
              {tags.tags.length === 0 && (
                <tr>
                  <td colSpan={3} className="muted">
                    The repository has no tags.
                  </td>
                </tr>
              )}
              {tags.tags.map((t) => {
                const ref = `${hostOf(tags.registry)}/${tags.repository}:${t.tag}`;
                return (
                  <tr key={t.tag}>
                    <td>
                      <code>{t.tag}</code>
                    </td>
                    <td style={{ wordBreak: 'break-all' }}>{t.digest ? <code>{t.digest}</code> : <span className="muted">not given</span>}</td>
                    <td>
                      <button type="button" aria-label={`Pull ${ref}`} onClick={() => setPulling(ref)}>
                        Pull
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {loggingIn && <LoginDialog onDone={refresh} onClose={() => setLoggingIn(false)} />}
      {pulling && <PullDialog initial={pulling} onClose={() => setPulling(null)} />}
    </section>
  );
}
