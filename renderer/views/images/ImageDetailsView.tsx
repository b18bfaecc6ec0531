/**
 * One image in detail (`docker image inspect` + `docker history`): what it runs (entrypoint, cmd, user,
 * working dir), its environment, ports, volumes and labels, its digests (the pinned references to put in a
 * FROM line, with Copy), platform and size, and its history — readable first, the raw JSON one click away.
 */
import { SubViewHeader } from '../../components/SubViewHeader';
import { useState } from 'react';
import { client } from '../../client/client';
import { useCall } from '../../client/useCall';
import { formatAgo, formatBytes, shortId } from '../../format';
import { DefinitionDialog } from '../sif/DefinitionDialog';
import { ExportSifDialog } from '../sif/ExportSifDialog';

function Copy({ text }: { text: string }) {
  return (
    <button type="button" aria-label={`Copy ${text}`} onClick={() => void navigator.clipboard?.writeText(text)}>
      Copy
    </button>
  );
}

const joinArgs = (a: string[]) => (a.length ? JSON.stringify(a) : '—');

export function ImageDetailsView({ image }: { image: string }) {
  const current = useCall(image, () => client().call('images.inspect', { id: image }));
  const [raw, setRaw] = useState(false);
  const [sif, setSif] = useState<'export' | 'definition' | null>(null);
  const d = current?.value;
  const name = d?.repoTags[0] ?? shortId(image);
  return (
    <section className="view" aria-labelledby="details-title">
      <SubViewHeader back={{ href: '#/images', name: 'Images' }} id="details-title" title={<>Image {name}</>}>
        {d && (
          <>
            <a className="button" role="button" href={`#/layers/${encodeURIComponent(d.id)}`}>
              Layers
            </a>
            <button type="button" onClick={() => setSif('export')}>
              Export as SIF…
            </button>
            <button type="button" onClick={() => setSif('definition')}>
              Copy as Singularity definition
            </button>
            <button type="button" aria-pressed={raw} onClick={() => setRaw(!raw)}>
              Raw JSON
            </button>
          </>
        )}
      </SubViewHeader>
      {d && sif === 'export' && <ExportSifDialog image={d.id} label={name} onClose={() => setSif(null)} />}
      {d && sif === 'definition' && <DefinitionDialog image={d.id} label={name} onClose={() => setSif(null)} />}
      {!current && <p className="muted">Loading…</p>}
      {current?.error && <p role="alert" className="error-text">{current.error.message}</p>}
      {d && raw && (
        <div className="details">
          <pre className="raw" aria-label="Raw JSON" tabIndex={0}>
            {d.raw}
          </pre>
        </div>
      )}
      {d && !raw && (
        <div className="details">
          <dl className="kv" aria-label="Summary">
            <dt>ID</dt>
            <dd>
              <code>{d.id}</code>
            </dd>
            <dt>Tags</dt>
            <dd>{d.repoTags.join(', ') || '—'}</dd>
            <dt>Digests</dt>
            <dd>
              {d.repoDigests.length
                ? d.repoDigests.map((r) => (
                    <div key={r}>
                      <code>{r}</code> <Copy text={r} />
                    </div>
                  ))
                : '— (not pushed or pulled: no registry digest yet)'}
            </dd>
            <dt>Platform</dt>
            <dd>
              {d.os}/{d.architecture}
              {d.variant ? `/${d.variant}` : ''}
            </dd>
            <dt>Size</dt>
            <dd>{formatBytes(d.size)}</dd>
            <dt>Created</dt>
            <dd>
              {new Date(d.created).toISOString()} ({formatAgo(d.created)})
            </dd>
            {d.author && (
              <>
                <dt>Author</dt>
                <dd>{d.author}</dd>
              </>
            )}
          </dl>
          <h2>Configuration</h2>
          <dl className="kv" aria-label="Configuration">
            <dt>Entrypoint</dt>
            <dd>
              <code>{joinArgs(d.config.entrypoint)}</code>
            </dd>
            <dt>Command</dt>
            <dd>
              <code>{joinArgs(d.config.cmd)}</code>
            </dd>
            <dt>Working dir</dt>
            <dd>{d.config.workingDir || '/'}</dd>
            <dt>User</dt>
            <dd>{d.config.user || 'root (default)'}</dd>
            <dt>Exposed ports</dt>
            <dd>{d.config.exposedPorts.join(', ') || '—'}</dd>
            <dt>Volumes</dt>
            <dd>{d.config.volumes.join(', ') || '—'}</dd>
            {d.config.stopSignal && (
              <>
                <dt>Stop signal</dt>
                <dd>{d.config.stopSignal}</dd>
              </>
            )}
            <dt>Environment</dt>
            <dd>
              {d.config.env.length
                ? d.config.env.map((e) => (
                    <div key={e}>
                      <code>{e}</code>
                    </div>
                  ))
                : '—'}
            </dd>
            <dt>Labels</dt>
            <dd>
              {Object.keys(d.config.labels).length
                ? Object.entries(d.config.labels).map(([k, v]) => (
                    <div key={k}>
                      <code>
                        {k}={v}
                      </code>
                    </div>
                  ))
                : '—'}
            </dd>
          </dl>
          <h2>History</h2>
          <table className="plain-table" aria-label="History">
            <thead>
              <tr>
                <th>Created</th>
                <th>Instruction</th>
                <th>Size</th>
              </tr>
            </thead>
            <tbody>
              {d.history.map((h, i) => (
                <tr key={i} className={h.emptyLayer ? 'muted' : undefined}>
                  <td>{formatAgo(h.created)}</td>
                  <td className="cmd">{h.createdBy.replace(/^\/bin\/sh -c #\(nop\) +/, '')}</td>
                  <td>{formatBytes(h.size)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
