/**
 * "Add an engine": a name and an address — `unix:///path`, `tcp://host:port` with TLS verified against a CA
 * (on by default; client certificate and key), or `ssh://user@host[:port]` with an optional key file
 * (otherwise ssh-agent and ~/.ssh/config). Answers with the engine probed, reachable or not.
 */
import { useState } from 'react';
import { AddedEngine } from '../../../shared/engines';
import { client } from '../../client/client';
import { Field, FormDialog } from '../../components/FormDialog';
import { PathField } from '../../components/PathField';
import { useNotices } from '../../stores/notices';

export function AddEngineDialog({ onClose, onDone }: { onClose(): void; onDone(): void }) {
  const [name, setName] = useState('');
  const [host, setHost] = useState('');
  const [verify, setVerify] = useState(true);
  const [ca, setCa] = useState('');
  const [cert, setCert] = useState('');
  const [key, setKey] = useState('');
  const [identityFile, setIdentityFile] = useState('');
  const tcp = host.startsWith('tcp://');
  const ssh = host.startsWith('ssh://');
  const spec = {
    name: name.trim(),
    host: host.trim(),
    ...(tcp && verify ? { tls: { ca, cert, key } } : {}),
    ...(ssh && identityFile ? { identityFile } : {}),
  };
  const parsed = AddedEngine.safeParse(spec);
  const shown = name || host ? (parsed.success ? null : parsed.error.issues[0]?.message) : null;
  return (
    <FormDialog
      title="Add an engine"
      submitLabel="Add"
      canSubmit={parsed.success}
      error={shown}
      onClose={onClose}
      onSubmit={async () => {
        const e = await client().call('engines.add', spec);
        useNotices.getState().push(e.reachable ? 'info' : 'error', e.reachable ? `Added ${e.name}: it answers` : `Added ${e.name}, but it does not answer: ${e.error}`);
        onDone();
        onClose();
      }}
    >
      <Field label="Name" value={name} onChange={setName} autoFocus placeholder="e.g. build-server" />
      <Field
        label="Address"
        value={host}
        onChange={setHost}
        placeholder="unix:///run/user/1000/podman/podman.sock, tcp://10.0.0.5:2376 or ssh://me@host"
        hint="ssh:// runs docker system dial-stdio on the remote host through your ssh (config, known_hosts, agent)"
      />
      {tcp && (
        <>
          <label className="check">
            <input type="checkbox" checked={verify} onChange={(e) => setVerify(e.target.checked)} />
            Verify TLS (recommended; off sends everything in clear text)
          </label>
          {verify && (
            <>
              <PathField kind="open" label="CA certificate" value={ca} onChange={setCa} placeholder="ca.pem" />
              <PathField kind="open" label="Client certificate" value={cert} onChange={setCert} placeholder="cert.pem" />
              <PathField kind="open" label="Client key" value={key} onChange={setKey} placeholder="key.pem" />
            </>
          )}
        </>
      )}
      {ssh && <PathField kind="open" label="Key file" value={identityFile} onChange={setIdentityFile} placeholder="optional: otherwise ssh-agent and ~/.ssh/config" />}
    </FormDialog>
  );
}
