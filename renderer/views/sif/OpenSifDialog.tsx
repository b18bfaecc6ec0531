/**
 * "Open SIF…": a SIF file on the machine Berth runs on — its descriptors (kind, size, architecture,
 * times), the embedded definition file by section, labels, environment and runscript; then its Files tree
 * (in the layer views, as one layer) or "Import into the engine" as an image.
 */
import { useState } from 'react';
import type { SifSummary } from '../../../shared/sif';
import { client } from '../../client/client';
import { FormDialog } from '../../components/FormDialog';
import { PathField } from '../../components/PathField';
import { formatBytes } from '../../format';
import { TaskDialog } from '../images/TaskDialog';
import { Field } from '../../components/FormDialog';

const when = (ms: number | null) => (ms ? new Date(ms).toISOString().replace('T', ' ').slice(0, 19) : '—');

function SifDetails({ s }: { s: SifSummary }) {
  return (
    <div className="sif-details">
      <p>
        SIF {s.version}, {formatBytes(s.size)}, architecture {s.arch}, ID <code>{s.id}</code>, created {when(s.created)}
      </p>
      <table aria-label="SIF descriptors" className="plain">
        <thead>
          <tr>
            <th>ID</th>
            <th>Kind</th>
            <th>Name</th>
            <th>Size</th>
            <th>Partition</th>
            <th>Created</th>
          </tr>
        </thead>
        <tbody>
          {s.descriptors.map((d) => (
            <tr key={d.id}>
              <td>{d.id}</td>
              <td>{d.type}</td>
              <td>{d.name || '—'}</td>
              <td>{formatBytes(d.size)}</td>
              <td>{d.fsType ? `${d.fsType}, ${d.partType}, ${d.arch}` : '—'}</td>
              <td>{when(d.created)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!s.partition && <p role="alert" className="error-text">This SIF has no primary system partition: there are no files to show or import.</p>}
      <h3>Environment</h3>
      {Object.keys(s.environment).length ? (
        <dl className="kv" aria-label="Environment">
          {Object.entries(s.environment).map(([k, v]) => (
            <div key={k} className="kv-row">
              <dt>{k}</dt>
              <dd>
                <code>{v}</code>
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="muted">No environment variables.</p>
      )}
      <h3>Labels</h3>
      {Object.keys(s.labels).length ? (
        <dl className="kv" aria-label="Labels">
          {Object.entries(s.labels).map(([k, v]) => (
            <div key={k} className="kv-row">
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="muted">No labels.</p>
      )}
      <h3>Runscript</h3>
      {s.runscript ? (
        <pre className="raw" aria-label="Runscript" tabIndex={0}>
          {s.runscript}
        </pre>
      ) : (
        <p className="muted">No runscript.</p>
      )}
      <h3>Definition file</h3>
      {s.definition ? (
        <pre className="raw definition" aria-label="Definition file" tabIndex={0}>
          {s.definition}
        </pre>
      ) : (
        <p className="muted">This SIF carries no definition file.</p>
      )}
    </div>
  );
}

export function ImportSifDialog({ path, onClose }: { path: string; onClose(): void }) {
  const base = (path.split('/').pop() ?? 'image').replace(/\.sif$/i, '').toLowerCase().replace(/[^a-z0-9._-]+/g, '-') || 'image';
  const [reference, setReference] = useState(`${base}:sif`);
  return (
    <TaskDialog
      title="Import the SIF into the engine"
      submitLabel="Import"
      canSubmit={reference.trim() !== ''}
      start={() => client().call('sif.import', { path, reference })}
      onClose={onClose}
    >
      <p className="muted">The SIF's files become an image (docker import), with its environment, labels and runscript (as CMD) restored.</p>
      <Field label="Image reference" value={reference} onChange={setReference} autoFocus hint="name:tag, e.g. myapp:sif" />
    </TaskDialog>
  );
}

export function OpenSifDialog({ onClose }: { onClose(): void }) {
  const [path, setPath] = useState('');
  const [opened, setOpened] = useState<SifSummary | null>(null);
  const [importing, setImporting] = useState(false);
  const invalid = path !== '' && !path.startsWith('/');
  const shown = opened && opened.path === path ? opened : null;
  if (importing && shown) return <ImportSifDialog path={shown.path} onClose={onClose} />;
  return (
    <FormDialog
      title={shown ? `SIF ${path.split('/').pop()}` : 'Open a SIF file'}
      submitLabel={shown ? 'Show files' : 'Open'}
      canSubmit={!!path && !invalid && (!shown || !!shown.partition)}
      error={invalid ? 'Give an absolute path, e.g. /home/me/app.sif' : null}
      wide={!!shown}
      onClose={onClose}
      onSubmit={async () => {
        if (!shown) return setOpened(await client().call('sif.open', { path }));
        const { subject } = await client().call('sif.files', { path });
        window.location.hash = `#/layers/${encodeURIComponent(subject)}`;
        onClose();
      }}
    >
      <p className="muted">A Singularity/Apptainer image (.sif) on the machine Berth runs on.</p>
      <PathField kind="open" label="SIF path" value={path} onChange={setPath} autoFocus={!shown} placeholder="/home/me/app.sif" invalid={invalid} />
      {shown && (
        <>
          <SifDetails s={shown} />
          <button type="button" disabled={!shown.partition} onClick={() => setImporting(true)}>
            Import into the engine
          </button>
        </>
      )}
    </FormDialog>
  );
}
