/**
 * The engine in use's place in a Docker Swarm, in the Engines view (issue #16): `Initialize swarm` (advertise
 * address), `Join swarm` (manager address, join token as a password field), `Leave swarm` (an alertdialog; a
 * manager must force, explained), and on a manager the worker and manager join commands (`docker swarm
 * join-token`) with the token masked on screen: `Copy` asks the engine for the token at that moment and puts the
 * whole command on the clipboard, so no token is kept in the page or drawn.
 */
import { useState } from 'react';
import { joinCommand, JoinToken, SwarmAddress } from '../../../shared/swarm-ops';
import type { SwarmInfo } from '../../../shared/swarm';
import { CallError, client } from '../../client/client';
import { useReloadableCall } from '../../client/useCall';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Field, FormDialog } from '../../components/FormDialog';
import { reportError, useNotices } from '../../stores/notices';

/** What a masked token looks like on screen. */
export const MASKED_TOKEN = 'SWMTKN-1-••••••••';

function stateText(info: SwarmInfo): string {
  if (info.unsupported) return info.unsupported;
  if (info.role === 'manager') return `This engine is a swarm manager${info.nodes ? ` (${info.nodes} node${info.nodes === 1 ? '' : 's'}, ${info.managers ?? '?'} manager${info.managers === 1 ? '' : 's'})` : ''}.`;
  if (info.role === 'worker') return `This engine is a swarm worker${info.remoteManagers.length ? `; its managers: ${info.remoteManagers.map((m) => m.address).join(', ')}` : ''}.`;
  return info.state === 'inactive' ? 'This engine is in no swarm.' : `This engine's swarm state is ${info.state}${info.error ? `: ${info.error}` : ''}.`;
}

/** A field's zod error for a value typed (empty is fine when optional). */
function problem(schema: typeof SwarmAddress | typeof JoinToken, value: string, optional: boolean): string | null {
  if (!value && optional) return null;
  const r = schema.safeParse(value);
  return r.success ? null : (r.error.issues[0]?.message ?? 'not valid');
}

export function SwarmControls() {
  const [info, reload] = useReloadableCall('engines-swarm', () => client().call('swarm.info', {}));
  // The join commands' address is this manager's own entry among the managers (`/info` Swarm.RemoteManagers, as
  // `ManagerStatus.Addr`): no join token reaches the page before a Copy.
  const self = info?.value;
  const address = self?.role === 'manager' ? (self.remoteManagers.find((m) => m.nodeId === self.nodeId)?.address ?? '') : '';
  const [dialog, setDialog] = useState<'init' | 'join' | 'leave' | null>(null);
  const [advertise, setAdvertise] = useState('');
  const [remote, setRemote] = useState('');
  const [token, setToken] = useState('');
  const [force, setForce] = useState(false);
  const [leaveError, setLeaveError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Which join command was copied last: said beside its button (a notice would cover the buttons at 1280×720).
  const [copied, setCopied] = useState<'worker' | 'manager' | null>(null);
  const s = info?.value;
  const done = (text: string) => {
    useNotices.getState().push('info', text);
    setDialog(null);
    setToken('');
    reload();
  };
  const copy = async (role: 'worker' | 'manager') => {
    try {
      if (!navigator.clipboard) throw new Error('this browser gives no clipboard here');
      const t = await client().call('swarm.joinTokens', {});
      await navigator.clipboard.writeText(joinCommand(role === 'worker' ? t.worker : t.manager, t.address));
      setCopied(role);
    } catch (err) {
      setCopied(null);
      reportError(`copy the ${role} join command`, err);
    }
  };
  const advertiseProblem = problem(SwarmAddress, advertise, true);
  const remoteProblem = problem(SwarmAddress, remote, false);
  const tokenProblem = problem(JoinToken, token, false);
  return (
    <section className="swarm-controls" aria-labelledby="engines-swarm-title" style={{ marginTop: 16 }}>
      <h2 id="engines-swarm-title" style={{ fontSize: 16, margin: '0 0 6px' }}>
        Swarm
      </h2>
      {info?.error && <p role="alert" className="error-text">{info.error.message}</p>}
      <p className="muted" style={{ margin: '0 0 8px' }}>
        {s ? stateText(s) : 'Asking the engine in use…'}
      </p>
      {s && !s.unsupported && (
        <div className="actions" style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
          {s.state === 'inactive' && (
            <>
              <button type="button" onClick={() => setDialog('init')}>
                Initialize swarm
              </button>
              <button type="button" onClick={() => setDialog('join')}>
                Join swarm
              </button>
            </>
          )}
          {s.state !== 'inactive' && (
            <button type="button" onClick={() => (setForce(false), setLeaveError(null), setDialog('leave'))}>
              Leave swarm
            </button>
          )}
        </div>
      )}
      {s?.role === 'manager' && (
        <div role="group" aria-label="Join commands" style={{ marginTop: 10, display: 'grid', gridTemplateColumns: 'max-content minmax(0, 1fr) max-content 5em', gap: '6px 10px', alignItems: 'center' }}>
          {(['worker', 'manager'] as const).map((role) => (
            <div key={role} style={{ display: 'contents' }}>
              <span>To add a {role}:</span>
              <code aria-label={`${role} join command`} style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                {joinCommand(MASKED_TOKEN, address || '…')}
              </code>
              <button type="button" aria-label={`Copy the ${role} join command`} onClick={() => void copy(role)}>
                Copy
              </button>
              <span role="status" aria-label={`${role} join command copied`} className="muted">
                {copied === role ? 'Copied' : ''}
              </span>
            </div>
          ))}
        </div>
      )}
      {dialog === 'init' && (
        <FormDialog
          title="Initialize a swarm"
          submitLabel="Initialize"
          busyText="Initializing: the engine is making a new swarm with itself as its manager."
          canSubmit={!advertiseProblem}
          error={advertise && advertiseProblem ? `Advertise address: ${advertiseProblem}` : null}
          onClose={() => setDialog(null)}
          onSubmit={async () => {
            await client().call('swarm.init', advertise ? { advertiseAddr: advertise } : {});
            done('This engine now manages a new swarm');
          }}
        >
          <p className="muted">This engine becomes the manager of a new swarm (docker swarm init). Other nodes join it with the join command shown here afterwards.</p>
          <Field label="Advertise address" value={advertise} placeholder="e.g. 10.0.0.1 or eth0 (optional when the engine has one address)" onChange={(v) => setAdvertise(v.trim())} autoFocus invalid={!!advertise && !!advertiseProblem} />
        </FormDialog>
      )}
      {dialog === 'join' && (
        <FormDialog
          title="Join a swarm"
          submitLabel="Join"
          busyText={`Joining: the engine is reaching the manager at ${remote} and having its token checked. A wrong token or a manager it cannot reach is refused only after some seconds.`}
          canSubmit={!remoteProblem && !tokenProblem && !advertiseProblem}
          error={
            // Said with the field's name: the dialog's one error line sits under the last field (review 27, F2).
            (remote && remoteProblem && `Manager address: ${remoteProblem}`) || (token && tokenProblem && `Join token: ${tokenProblem}`) || (advertise && advertiseProblem && `Advertise address: ${advertiseProblem}`) || null
          }
          onClose={() => (setDialog(null), setToken(''))}
          onSubmit={async () => {
            try {
              await client().call('swarm.join', { remoteAddr: remote, joinToken: token, ...(advertise ? { advertiseAddr: advertise } : {}) });
            } catch (err) {
              // The engine keeps trying in the background: another Join from here can only be refused until it
              // leaves, so the dialog closes, says so, and the section shows the state and Leave swarm.
              if (err instanceof CallError && err.name === 'Timeout') {
                useNotices.getState().push('error', `Join swarm: ${err.message}`);
                setDialog(null);
                setToken('');
                reload();
                return;
              }
              throw err;
            }
            done('This engine joined the swarm');
          }}
        >
          <p className="muted">On a manager, docker swarm join-token worker (or manager) prints the address and the token.</p>
          <Field label="Manager address" value={remote} placeholder="host:port, e.g. 10.0.0.1:2377" onChange={(v) => setRemote(v.trim())} autoFocus invalid={!!remote && !!remoteProblem} />
          <Field label="Join token" type="password" value={token} placeholder="SWMTKN-1-…" onChange={(v) => setToken(v.trim())} invalid={!!token && !!tokenProblem} />
          <Field label="Advertise address" value={advertise} placeholder="optional: this engine's address the others reach" onChange={(v) => setAdvertise(v.trim())} invalid={!!advertise && !!advertiseProblem} />
        </FormDialog>
      )}
      {dialog === 'leave' && s && (
        <ConfirmDialog
          title="Leave the swarm?"
          confirmLabel="Leave"
          busy={busy}
          canConfirm={!busy && (s.role !== 'manager' || force)}
          error={leaveError}
          onCancel={() => setDialog(null)}
          onConfirm={() => {
            setBusy(true);
            client()
              .call('swarm.leave', { force })
              .then(() => done('This engine left the swarm'))
              .catch((err: Error) => setLeaveError(err.message))
              .finally(() => setBusy(false));
          }}
        >
          <p>This engine stops being a swarm node (docker swarm leave). Its service tasks stop here; the swarm reschedules them on other nodes.</p>
          {s.role === 'manager' && (
            <>
              <p className="warn">
                This engine is a manager. Leaving may cost the swarm its quorum (a majority of managers must stay); the last manager leaving ends the swarm for every node. Demote it first where you can, or force.
              </p>
              <label className="check">
                <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
                Force: leave even though this engine is a manager
              </label>
            </>
          )}
        </ConfirmDialog>
      )}
    </section>
  );
}
