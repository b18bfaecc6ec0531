/**
 * The Pods view's dialogs: Play Kubernetes YAML (pasted text, as `podman kube play FILE` reads a file),
 * Generate Kubernetes YAML (shown, copied, saved: `podman kube generate POD|CONTAINER`) and Remove (confirmed; a pod
 * with running containers is stopped first, as `podman pod rm -f`).
 */
import { useState } from 'react';
import type { PodSummary } from '../../../shared/pods';
import { client } from '../../client/client';
import { useCall } from '../../client/useCall';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormDialog } from '../../components/FormDialog';
import { PathField } from '../../components/PathField';
import { reportError, useNotices } from '../../stores/notices';

/** Kubernetes YAML accepted by the contract (shared/pods.ts KubeYaml): 1 MiB. */
const MAX_YAML = 1024 * 1024;

export function PlayKubeDialog({ onClose }: { onClose(): void }) {
  const [yaml, setYaml] = useState('');
  const tooBig = new TextEncoder().encode(yaml).length > MAX_YAML;
  return (
    <FormDialog
      title="Play Kubernetes YAML"
      submitLabel="Play"
      wide
      canSubmit={yaml.trim().length > 0 && !tooBig}
      error={tooBig ? 'At most 1 MiB of YAML' : null}
      onClose={onClose}
      onSubmit={async () => {
        const r = await client().call('pods.play', { yaml });
        const errors = r.pods.flatMap((p) => p.errors);
        const containers = r.pods.reduce((n, p) => n + p.containers.length, 0);
        const made = `${r.pods.length} pod${r.pods.length === 1 ? '' : 's'} with ${containers} container${containers === 1 ? '' : 's'}`;
        if (errors.length) useNotices.getState().push('error', `Played ${made}; the engine said: ${errors.join('; ')}`);
        // Podman answers a YAML whose containers it could not make with a pod and no error: not a success.
        else if (!containers) useNotices.getState().push('error', `Played ${made}: the engine made no container (is the YAML's spec.containers empty or malformed?)`);
        else useNotices.getState().push('info', `Played ${made}`);
        onClose();
      }}
    >
      <div className="field">
        <label htmlFor="kube-yaml">Kubernetes YAML</label>
        <textarea id="kube-yaml" rows={16} value={yaml} onChange={(e) => setYaml(e.target.value)} spellCheck={false} autoFocus placeholder={'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: app\n    image: …'} />
        <p className="hint">A Pod or Deployment, as `podman kube play` takes it; the images must be on the engine or pullable.</p>
      </div>
    </FormDialog>
  );
}

/** Generate Kubernetes YAML of a pod or a container (`name`: its name or ID, as `podman kube generate NAME`). */
export function GenerateKubeDialog({ name: pod, onClose }: { name: string; onClose(): void }) {
  const generated = useCall(`generate:${pod}`, () => client().call('pods.generate', { names: [pod] }));
  const [path, setPath] = useState('');
  const [overwrite, setOverwrite] = useState(false);
  const yaml = generated?.value?.yaml ?? '';
  return (
    <FormDialog
      title={`Kubernetes YAML of ${pod}`}
      submitLabel="Save"
      wide
      cancelLabel="Close"
      canSubmit={!!yaml && path.startsWith('/')}
      error={generated?.error ? generated.error.message : path && !path.startsWith('/') ? 'Give an absolute path, e.g. /home/me/pod.yaml' : null}
      onClose={onClose}
      onSubmit={async () => {
        await client().call('pods.saveYaml', { names: [pod], path, overwrite });
        useNotices.getState().push('info', `Saved the Kubernetes YAML of ${pod} to ${path}`);
        onClose();
      }}
    >
      {!generated ? (
        <p className="muted">Generating…</p>
      ) : (
        yaml && (
          <>
            <pre className="kube-yaml" aria-label="Kubernetes YAML" tabIndex={0}>
              {yaml}
            </pre>
            <p>
              <button type="button" onClick={() => void navigator.clipboard.writeText(yaml).then(() => useNotices.getState().push('info', 'Copied the Kubernetes YAML'), (e) => reportError('copy', e))}>
                Copy
              </button>
            </p>
          </>
        )
      )}
      <PathField kind="save" label="File" value={path} onChange={setPath} placeholder="/home/me/pod.yaml" />
      <label className="check">
        <input type="checkbox" checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} /> Replace the file if it exists
      </label>
    </FormDialog>
  );
}

export function RemovePodDialog({ pod, onClose, onDone }: { pod: PodSummary; onClose(): void; onDone(): void }) {
  const [busy, setBusy] = useState(false);
  const running = pod.containers.filter((c) => c.state === 'running');
  return (
    <ConfirmDialog
      title={`Remove pod ${pod.name}?`}
      confirmLabel="Remove"
      busy={busy}
      canConfirm={!busy}
      onCancel={onClose}
      onConfirm={() => {
        setBusy(true);
        client()
          .call('pods.remove', { pod: pod.id, force: true })
          .then(() => {
            onDone();
            onClose();
          })
          .catch((e) => reportError(`remove pod ${pod.name}`, e))
          .finally(() => setBusy(false));
      }}
    >
      <p>Its {pod.containers.length} containers are removed with it{running.length ? `; ${running.length} running are stopped first` : ''}:</p>
      <ul aria-label="Containers to remove" className="plain">
        {pod.containers.map((c) => (
          <li key={c.id}>
            <code>{c.name}</code> <span className="muted">{c.infra ? 'infra' : c.state}</span>
          </li>
        ))}
      </ul>
    </ConfirmDialog>
  );
}
