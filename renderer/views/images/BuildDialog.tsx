/**
 * Build an image from a context folder: Dockerfile, tag, build args, target stage, no-cache and pull,
 * with reproducibility hints for the Dockerfile's FROM lines, then the live build log.
 */
import { useState } from 'react';
import { parseReference } from '../../../shared/reference';
import { client } from '../../client/client';
import { useCall } from '../../client/useCall';
import { Field } from '../../components/FormDialog';
import { PathField } from '../../components/PathField';
import { TaskDialog } from './TaskDialog';
import { useEngine } from '../../stores/stores';

/** `KEY=VALUE` lines → a record; the first bad line's complaint otherwise. */
export function parseBuildArgs(text: string): { ok: true; args: Record<string, string> } | { ok: false; error: string } {
  const args: Record<string, string> = {};
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!m) return { ok: false, error: `Build args line ${i + 1}: write KEY=VALUE` };
    args[m[1]] = m[2];
  }
  return { ok: true, args };
}

function Hints({ context, dockerfile }: { context: string; dockerfile: string }) {
  const key = `${context}\n${dockerfile}`;
  // Rendered only for an absolute context folder (see BuildDialog); a failed lookup shows no hints.
  const result = useCall(key, () => client().call('images.buildHints', { context, ...(dockerfile ? { dockerfile } : {}) }), 300);
  const hints = result?.value ?? [];
  if (!hints.some((h) => h.warning || h.digests.length)) return null;
  return (
    <ul className="hints" aria-label="Reproducibility hints">
      {hints.map((h) => (
        <li key={h.line}>
          {h.warning ? <span className="warn">Line {h.line}: {h.warning}</span> : <span>Line {h.line}: {h.image} is pinned.</span>}
          {h.digests.map((d) => (
            <div key={d}>
              Local digest: <code>{d}</code>{' '}
              <button type="button" onClick={() => void navigator.clipboard?.writeText(d)} aria-label={`Copy ${d}`}>
                Copy
              </button>
            </div>
          ))}
        </li>
      ))}
    </ul>
  );
}

export function BuildDialog({ onClose }: { onClose(): void }) {
  const [context, setContext] = useState('');
  const [dockerfile, setDockerfile] = useState('');
  const [tag, setTag] = useState('');
  const [argsText, setArgsText] = useState('');
  const [target, setTarget] = useState('');
  const [noCache, setNoCache] = useState(false);
  const [pull, setPull] = useState(false);
  const [network, setNetwork] = useState<'default' | 'none' | 'host'>('default');
  const [builder, setBuilder] = useState<'auto' | 'buildkit' | 'classic'>('auto');
  const podman = useEngine((st) => st.status?.state === 'connected' && st.status.info.kind === 'podman');
  const parsedTag = tag ? parseReference(tag) : null;
  const args = parseBuildArgs(argsText);
  const error =
    context && !context.startsWith('/')
      ? 'Give the context folder as an absolute path'
      : parsedTag && !parsedTag.ok
        ? `Invalid tag: ${parsedTag.error}`
        : !args.ok
          ? args.error
          : null;
  return (
    <TaskDialog
      title="Build an image"
      submitLabel="Build"
      wide
      canSubmit={context.startsWith('/') && !error}
      error={error}
      start={() =>
        client().call('images.build', {
          context,
          ...(dockerfile ? { dockerfile } : {}),
          ...(tag ? { tag } : {}),
          ...(args.ok && Object.keys(args.args).length ? { buildArgs: args.args } : {}),
          ...(target ? { target } : {}),
          noCache,
          pull,
          network,
          builder,
        })
      }
      onClose={onClose}
    >
      <PathField kind="folder" label="Context folder" value={context} onChange={setContext} autoFocus placeholder="/home/me/app" hint="Sent to the engine without what its .dockerignore excludes." />
      <PathField kind="open" label="Dockerfile" value={dockerfile} onChange={setDockerfile} placeholder="Dockerfile" hint="Relative to the context folder, or absolute. Default: Dockerfile in the context." />
      <Field label="Tag" value={tag} onChange={setTag} placeholder="app:dev" invalid={!!parsedTag && !parsedTag.ok} />
      <div className="field">
        <label htmlFor="build-args">Build args</label>
        <textarea id="build-args" rows={2} value={argsText} onChange={(e) => setArgsText(e.target.value)} placeholder={'KEY=value, one per line'} spellCheck={false} />
      </div>
      <Field label="Target" value={target} onChange={setTarget} placeholder="(the last stage)" hint="The build stage to stop at (--target)." />
      <div className="row">
        <label className="check">
          Network
          <select value={network} onChange={(e) => setNetwork(e.target.value as typeof network)} aria-label="Network">
            <option value="default">Default (bridge)</option>
            <option value="none">None</option>
            <option value="host">Host</option>
          </select>
        </label>
        <label className="check">
          Builder
          <select value={builder} onChange={(e) => setBuilder(e.target.value as typeof builder)} aria-label="Builder" aria-describedby={podman ? 'builder-note' : undefined}>
            <option value="auto">Automatic</option>
            <option value="buildkit" disabled={podman}>
              BuildKit{podman ? ' (not on Podman)' : ''}
            </option>
            <option value="classic">Classic</option>
          </select>
        </label>
        {podman && (
          <small id="builder-note" className="muted">
            Podman builds with Buildah through its classic build endpoint: no BuildKit session, so no build cache to prune and step logs read STEP n/m.
          </small>
        )}
      </div>
      <div className="row">
        <label className="check">
          <input type="checkbox" checked={noCache} onChange={(e) => setNoCache(e.target.checked)} /> No cache
        </label>
        <label className="check">
          <input type="checkbox" checked={pull} onChange={(e) => setPull(e.target.checked)} /> Pull newer base images
        </label>
      </div>
      {context.startsWith('/') && <Hints context={context} dockerfile={dockerfile} />}
    </TaskDialog>
  );
}
