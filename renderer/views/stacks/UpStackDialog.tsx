/**
 * "Up…" from compose files: the files in order (`-f`, one per line), project name, profiles and `.env`
 * file; "Show configuration" runs `compose config` so the resolved configuration is seen before anything
 * starts; "Up" runs `compose up -d` as a task with Compose's output. Paths are on the machine Berth's Node
 * side runs on.
 */
import { useState } from 'react';
import type { ComposeSpec } from '../../../shared/stacks';
import { client } from '../../client/client';
import { useCall } from '../../client/useCall';
import { Field } from '../../components/FormDialog';
import { TaskDialog } from '../images/TaskDialog';

export function UpStackDialog({ onClose }: { onClose(): void }) {
  const [files, setFiles] = useState('');
  const [project, setProject] = useState('');
  const [profiles, setProfiles] = useState('');
  const [envFile, setEnvFile] = useState('');
  const [config, setConfig] = useState<{ yaml: string } | { error: string } | null>(null);
  const compose = useCall('compose', () => client().call('stacks.compose', {}));
  const list = files.split('\n').map((f) => f.trim()).filter(Boolean);
  const relative = list.find((f) => !f.startsWith('/')) ?? (envFile && !envFile.startsWith('/') ? envFile : undefined);
  const spec: ComposeSpec = {
    files: list,
    ...(project.trim() ? { project: project.trim() } : {}),
    ...(profiles.trim() ? { profiles: profiles.split(/[\s,]+/).filter(Boolean) } : {}),
    ...(envFile.trim() ? { envFile: envFile.trim() } : {}),
  };
  const found = compose?.value?.found;
  return (
    <TaskDialog
      title="Up a stack from compose files"
      submitLabel="Up"
      canSubmit={list.length > 0 && !relative && !!found}
      error={relative ? `Give absolute paths, e.g. /home/me/app/compose.yaml (not ${relative})` : compose?.value && !found ? compose.value.hint : null}
      wide
      start={() => client().call('stacks.up', spec)}
      onClose={onClose}
    >
      <p className="muted">{found ? `Runs ${found.name} ${found.version} against this engine.` : compose ? '' : 'Looking for Compose…'}</p>
      <label className="field">
        <span>Compose files</span>
        <textarea aria-label="Compose files" rows={3} value={files} onChange={(e) => setFiles(e.target.value)} placeholder="/home/me/app/compose.yaml" autoFocus />
        <small className="muted">One per line, in order (as -f FILE -f OVERRIDE).</small>
      </label>
      <Field label="Project name" value={project} onChange={setProject} placeholder="default: the first file's folder" />
      <Field label="Profiles" value={profiles} onChange={setProfiles} placeholder="e.g. debug, tools" />
      <Field label="Environment file" value={envFile} onChange={setEnvFile} placeholder="/home/me/app/.env" />
      <button
        type="button"
        disabled={!list.length || !!relative || !found}
        onClick={() =>
          void client()
            .call('stacks.config', spec)
            .then(
              (r) => setConfig({ yaml: r.yaml }),
              (err: Error) => setConfig({ error: err.message }),
            )
        }
      >
        Show configuration
      </button>
      {config && 'yaml' in config && (
        <pre className="raw definition" aria-label="Resolved configuration" tabIndex={0}>
          {config.yaml}
        </pre>
      )}
      {config && 'error' in config && (
        <p role="alert" className="error-text">
          {config.error}
        </p>
      )}
    </TaskDialog>
  );
}
