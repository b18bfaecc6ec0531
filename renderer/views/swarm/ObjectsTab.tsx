/**
 * The Swarm view's Secrets and Configs tabs: the tables `Secrets` / `Configs` (`docker secret ls`,
 * `docker config ls`: name, ID, created, updated, labels; never the data), Create (from text typed in a
 * textarea or from a file read in the page, bounded by swarm's limit) and Remove (an alertdialog; the engine's
 * refusal, e.g. in use by a service, shown in it). The data goes from the page to the engine once and is not
 * kept: the dialog's state goes with the dialog.
 */
import { useId, useState } from 'react';
import { SWARM_DATA_LIMIT, SwarmObjectName, type SwarmObject } from '../../../shared/swarm-objects';
import { client } from '../../client/client';
import { Ago } from '../../components/Ago';
import { Field, FormDialog } from '../../components/FormDialog';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { shortId } from '../../format';
import { useNotices } from '../../stores/notices';
import { dataSizeProblem, labelsText, parseLabels, toBase64 } from './data';
import { RemoveConfirm } from './RemoveConfirm';
import { useSwarmList } from './useSwarmList';

type Kind = 'secret' | 'config';
const TITLE: Record<Kind, string> = { secret: 'Secrets', config: 'Configs' };

/** The bytes of the chosen source: the text as UTF-8, or the file read in the page. */
interface Data {
  bytes: Uint8Array;
  /** Where they came from, for the size message ("the text", "notes.txt"). */
  from: string;
}

function CreateDialog({ kind, onClose, onDone }: { kind: Kind; onClose(): void; onDone(): void }) {
  const [name, setName] = useState('');
  const [source, setSource] = useState<'text' | 'file'>('text');
  const [text, setText] = useState('');
  const [file, setFile] = useState<Data | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [labels, setLabels] = useState('');
  const ids = { text: useId(), file: useId(), labels: useId(), limit: useId() };
  const data: Data | null = source === 'text' ? (text ? { bytes: new TextEncoder().encode(text), from: 'the text' } : null) : file;
  const parsed = parseLabels(labels);
  const nameError = name && !SwarmObjectName.safeParse(name).success ? 'a name of letters, digits, _ . - (starting with a letter or digit), 64 characters at most' : null;
  const sizeError = data ? dataSizeProblem(kind, data.bytes.length) : null;
  const labelsError = 'error' in parsed ? `Labels: ${parsed.error}` : null;
  const limit = SWARM_DATA_LIMIT[kind];
  const pick = async (f: File | undefined) => {
    setFile(null);
    setFileError(null);
    if (!f) return;
    // Swarm's limit is checked before the file is read: a big file is never held in the page.
    if (f.size >= limit) return setFileError(`${f.name}: ${dataSizeProblem(kind, f.size)}`);
    try {
      setFile({ bytes: new Uint8Array(await f.arrayBuffer()), from: f.name });
    } catch (e) {
      setFileError(`${f.name} could not be read: ${(e as Error).message}`);
    }
  };
  return (
    <FormDialog
      title={`Create a ${kind}`}
      submitLabel="Create"
      wide
      canSubmit={!!name && !!data && !nameError && !sizeError && !labelsError && !fileError}
      error={nameError ?? fileError ?? (sizeError ? `${data!.from}: ${sizeError}` : null) ?? labelsError}
      onClose={onClose}
      onSubmit={async () => {
        if (!data || 'error' in parsed) return;
        await client().call(kind === 'secret' ? 'swarm.createSecret' : 'swarm.createConfig', { name, data: toBase64(data.bytes), labels: parsed });
        useNotices.getState().push('info', `Created ${kind} ${name}`);
        onDone();
        onClose();
      }}
    >
      <Field label="Name" value={name} onChange={setName} autoFocus invalid={!!nameError} />
      <fieldset className="row" style={{ border: 'none', padding: 0 }}>
        <legend className="muted">Data from</legend>
        <label className="check">
          <input type="radio" name={`${kind}-source`} checked={source === 'text'} onChange={() => setSource('text')} /> Text
        </label>
        <label className="check">
          <input type="radio" name={`${kind}-source`} checked={source === 'file'} onChange={() => setSource('file')} /> File
        </label>
      </fieldset>
      {source === 'text' ? (
        <div className="field">
          <label htmlFor={ids.text}>Data</label>
          <textarea id={ids.text} rows={5} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} autoComplete="off" aria-describedby={ids.limit} />
        </div>
      ) : (
        <div className="field">
          <label htmlFor={ids.file}>File</label>
          <input id={ids.file} type="file" onChange={(e) => void pick(e.target.files?.[0])} aria-describedby={ids.limit} />
        </div>
      )}
      <small id={ids.limit} className="muted">
        Less than {limit / 1024} KiB (swarm&apos;s limit for a {kind}). {kind === 'secret' ? 'The data is sent to the swarm once and never shown again.' : 'The data is sent to the swarm; Berth does not show it.'}
      </small>
      <div className="field">
        <label htmlFor={ids.labels}>Labels</label>
        <textarea id={ids.labels} rows={2} value={labels} onChange={(e) => setLabels(e.target.value)} placeholder="optional, one key=value a line" spellCheck={false} />
      </div>
    </FormDialog>
  );
}

export function ObjectsTab({ kind }: { kind: Kind }) {
  const list = useSwarmList(kind === 'secret' ? 'swarm.secrets' : 'swarm.configs');
  const [creating, setCreating] = useState(false);
  const [removing, setRemoving] = useState<SwarmObject | null>(null);
  const columns: Column<SwarmObject>[] = [
    { id: 'name', header: 'Name', width: 'minmax(160px, 1.5fr)', sortValue: (o) => o.name, cell: (o) => <span title={`${kind} ID ${o.id}`}>{o.name}</span> },
    { id: 'id', header: 'ID', width: '130px', sortValue: (o) => o.id, cell: (o) => <code title={o.id}>{shortId(o.id)}</code> },
    { id: 'created', header: 'Created', width: '140px', sortValue: (o) => o.createdAt ?? 0, cell: (o) => (o.createdAt ? <Ago ms={o.createdAt} /> : '—') },
    { id: 'updated', header: 'Updated', width: '140px', sortValue: (o) => o.updatedAt ?? 0, cell: (o) => (o.updatedAt ? <Ago ms={o.updatedAt} /> : '—') },
    { id: 'labels', header: 'Labels', width: 'minmax(120px, 1.5fr)', cell: (o) => <span title={labelsText(o.labels) || undefined}>{labelsText(o.labels) || <span className="muted">none</span>}</span> },
    {
      id: 'actions',
      header: 'Actions',
      width: '110px',
      cell: (o) => (
        <span className="actions">
          <button type="button" className="danger" title={`Remove ${kind} ${o.name}`} onClick={() => setRemoving(o)}>
            Remove
          </button>
        </span>
      ),
    },
  ];
  return (
    <>
      <div className="swarm-filters">
        <button type="button" className="primary" onClick={() => setCreating(true)}>
          Create {kind}
        </button>
        <span className="count">{list.loaded ? `${list.items.length} ${kind}${list.items.length === 1 ? '' : 's'}` : 'Loading…'}</span>
      </div>
      {list.error && (
        <p role="alert" className="error-text">
          {list.error.message}
        </p>
      )}
      <VirtualTable label={TITLE[kind]} rows={list.items} rowKey={(o) => o.id} columns={columns} initialSort={{ column: 'name', direction: 'ascending' }} empty={list.loaded ? `No ${kind}s.` : `Loading ${kind}s…`} />
      {creating && <CreateDialog kind={kind} onClose={() => setCreating(false)} onDone={list.reload} />}
      {removing && (
        <RemoveConfirm title={`Remove ${kind} ${removing.name}?`} remove={() => client().call(kind === 'secret' ? 'swarm.removeSecret' : 'swarm.removeConfig', { id: removing.id })} onClose={(done) => (setRemoving(null), done && list.reload())}>
          <p>The swarm refuses to remove a {kind} a service uses. Removed, it cannot be read back{kind === 'secret' ? ' (nobody can: a secret is never shown)' : ''}.</p>
        </RemoveConfirm>
      )}
    </>
  );
}
