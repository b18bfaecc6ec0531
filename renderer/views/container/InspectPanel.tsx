/** A container in detail (`docker container inspect`): readable summary first, raw JSON one click away. */
import { useState } from 'react';
import type { ContainerDetails } from '../../../shared/containers';
import { formatAgo } from '../../format';
import { shellJoin } from '../../../shared/run-command';
import { formatRestart } from '../../../shared/run';

const when = (t: number | null) => (t === null ? '—' : `${new Date(t).toISOString()} (${formatAgo(t)})`);

export function InspectPanel({ details: d }: { details: ContainerDetails }) {
  const [raw, setRaw] = useState(false);
  return (
    <div className="details">
      <div>
        <button type="button" aria-pressed={raw} onClick={() => setRaw(!raw)}>
          Raw JSON
        </button>
      </div>
      {raw ? (
        <pre className="raw" aria-label="Raw JSON" tabIndex={0}>
          {d.raw}
        </pre>
      ) : (
        <>
          <dl className="kv" aria-label="Summary">
            <dt>ID</dt>
            <dd>
              <code>{d.id}</code>
            </dd>
            <dt>Image</dt>
            <dd>
              {d.image} <code className="muted">{d.imageId}</code>
            </dd>
            <dt>State</dt>
            <dd>
              {d.status}
              {!d.running && d.finishedAt !== null && ` (exit code ${d.exitCode})`}
              {d.error && <span className="error-text"> — {d.error}</span>}
            </dd>
            <dt>Started</dt>
            <dd>{when(d.startedAt)}</dd>
            {!d.running && (
              <>
                <dt>Finished</dt>
                <dd>{when(d.finishedAt)}</dd>
              </>
            )}
            <dt>Command</dt>
            <dd>
              <code>{shellJoin(d.command) || '—'}</code>
            </dd>
            <dt>Entrypoint / Cmd</dt>
            <dd>
              <code>{JSON.stringify(d.entrypoint)}</code> / <code>{JSON.stringify(d.cmd)}</code>
            </dd>
            <dt>Working dir</dt>
            <dd>{d.workdir || '/'}</dd>
            <dt>User</dt>
            <dd>{d.user || 'root (default)'}</dd>
            <dt>TTY / stdin</dt>
            <dd>
              {d.tty ? 'TTY' : 'no TTY'}, {d.openStdin ? 'stdin open' : 'stdin closed'}
            </dd>
            <dt>Restart policy</dt>
            <dd>
              {formatRestart(d.restart)}
              {d.autoRemove && ', removed when stopped (--rm)'}
            </dd>
            <dt>Health</dt>
            <dd>
              {d.health ? (
                <>
                  {d.health.status}
                  {d.health.failingStreak > 0 && ` (${d.health.failingStreak} failing in a row)`}
                  {d.health.log.slice(-3).map((h, i) => (
                    <div key={i} className="muted">
                      exit {h.exitCode}: <code>{h.output.trim().slice(0, 300)}</code>
                    </div>
                  ))}
                </>
              ) : (
                'no health check'
              )}
            </dd>
          </dl>
          <h2>Environment</h2>
          <ul aria-label="Environment" className="plain">
            {d.env.map((e) => (
              <li key={e}>
                <code>{e}</code>
              </li>
            ))}
          </ul>
          <h2>Mounts</h2>
          {d.mounts.length ? (
            <ul aria-label="Mounts" className="plain">
              {d.mounts.map((m) => (
                <li key={m.destination}>
                  <code>{m.destination}</code> ← {m.type} <code>{m.source}</code> {m.readOnly ? '(read-only)' : ''}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">none</p>
          )}
          <h2>Ports</h2>
          {d.ports.length ? (
            <ul aria-label="Ports" className="plain">
              {d.ports.map((p) => (
                <li key={`${p.containerPort}/${p.protocol}`}>
                  {p.containerPort}/{p.protocol}
                  {p.bindings.length ? ` → ${p.bindings.map((b) => `${b.hostIp || '0.0.0.0'}:${b.hostPort}`).join(', ')}` : ' (exposed, not published)'}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">none</p>
          )}
          <h2>Networks</h2>
          <p>Mode: {d.networkMode || 'default'}</p>
          {d.networks.length > 0 && (
            <ul aria-label="Networks" className="plain">
              {d.networks.map((n) => (
                <li key={n.name}>
                  {n.name}: {n.ipAddress || 'no address'}
                  {n.gateway && ` via ${n.gateway}`} {n.macAddress && <span className="muted">{n.macAddress}</span>}
                </li>
              ))}
            </ul>
          )}
          {Object.keys(d.labels).length > 0 && (
            <>
              <h2>Labels</h2>
              <ul aria-label="Labels" className="plain">
                {Object.entries(d.labels).map(([k, v]) => (
                  <li key={k}>
                    <code>
                      {k}={v}
                    </code>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </div>
  );
}
