/**
 * A Services row's write actions (issue #16): `Scale` in the row (`docker service scale`; a global service is
 * told why it has no replica count), and in its "More" menu `Update image…` (`docker service update --image`
 * with the rolling-update settings, starting from the service's own; it warns when one replica, stop-first and
 * pause mean an outage if the image fails), `Resume update` (a paused update: `docker service update SERVICE`),
 * `Rollback` (`docker service rollback`, disabled while the engine keeps no previous spec) and `Remove…` (an
 * alertdialog naming the service). A paused update also shows Resume update and Rollback in the row itself. Each
 * dialog shows the equivalent docker command, and the engine's refusal in itself, keeping the values typed.
 */
import { useState } from 'react';
import { toDockerServiceScale, toDockerServiceUpdate } from '../../../shared/service-command';
import { parseImage } from '../../../shared/run';
import type { SwarmService } from '../../../shared/swarm';
import { readReplicas } from '../../../shared/swarm-service-spec';
import { client, errorName } from '../../client/client';
import { Field, FormDialog } from '../../components/FormDialog';
import { MoreMenu } from '../../components/MoreMenu';
import { useNotices } from '../../stores/notices';
import { RemoveConfirm } from './RemoveConfirm';
import { outageHint } from './rollout-text';
import { readUpdateFields, updateFields, type UpdateFields } from './service-form';
import { UpdateSettingsFields } from './UpdateSettingsFields';

/**
 * Write to service `s`: a `NotFound` (the service removed meanwhile, from another tab or the CLI, while a dialog
 * was open) said by its name, not the engine's "service <ID> not found". Anything else passes as it is.
 */
function onService<T>(s: SwarmService, write: Promise<T>): Promise<T> {
  return write.catch((e: unknown) => {
    throw errorName(e) === 'NotFound' ? new Error(`service ${s.name} no longer exists: it was removed meanwhile`) : e;
  });
}

/** What the Services tab holds open: a dialog for one service. */
export type ServiceDialog = { kind: 'scale' | 'image' | 'remove' | 'resume'; service: SwarmService } | null;

/** `docker service rollback`, saying so in a notice; `fail` is told the engine's refusal. */
function serviceWrites(s: SwarmService, fail: (message: string) => void) {
  const notice = (text: string) => useNotices.getState().push('info', text);
  return {
    rollback: () =>
      onService(s, client().call('swarm.rollbackService', { service: s.id })).then(
          () => notice(`Rolling ${s.name} back to its previous spec${s.previousImage ? ` (${s.previousImage})` : ''}`),
          (e: Error) => fail(`Could not roll back ${s.name}: ${e.message}`),
        ),
  };
}

/** Titles of the two actions a paused update offers. */
const resumeTitle = (s: SwarmService) =>
  `Run ${s.name}'s paused update again (docker service update ${s.name}): fix the cause first (e.g. put the image on the nodes), or it pauses again. Its previous spec then becomes this one.`;
const rollbackTitle = (s: SwarmService) =>
  !s.canRollback
    ? `${s.name} was never updated: there is no previous spec`
    : rollsBackToSame(s)
      ? `${s.name}'s previous spec runs the same image (${s.image}), as after a resumed update: a rollback would bring no earlier image back. Choose one with Update image…`
      : `Go back to ${s.name}'s previous spec${s.previousImage ? ` (${s.previousImage})` : ''}`;

/**
 * Whether a rollback would land on the image now set: after a resume the previous spec is the failing one
 * (swarmkit writes the current spec there at every update), and a rollback to it stops the last good tasks
 * (review 16c, finding A). Rollback is then not offered.
 */
const rollsBackToSame = (s: SwarmService) => !!s.previousImage && s.previousImage === s.image;
const canRollBack = (s: SwarmService) => s.canRollback && !rollsBackToSame(s);

/** The row's buttons: Scale and the More menu. `fail` is told a rollback's or resume's refusal. */
export function ServiceRowActions({ service: s, open, fail }: { service: SwarmService; open(d: ServiceDialog): void; fail(message: string): void }) {
  const writes = serviceWrites(s, fail);
  const paused = s.updateStatus?.state === 'paused' || s.updateStatus?.state === 'rollback_paused';
  return (
    <>
      <button type="button" title={`Set how many tasks of ${s.name} run`} onClick={() => open({ kind: 'scale', service: s })}>
        Scale
      </button>
      <MoreMenu
        name={s.name}
        actions={[
          { label: 'Update image…', title: `Roll ${s.name} out with another image`, onSelect: () => open({ kind: 'image', service: s }) },
          { label: 'Resume update…', disabled: !paused, title: paused ? resumeTitle(s) : `${s.name} has no paused update`, onSelect: () => open({ kind: 'resume', service: s }) },
          { label: 'Rollback', disabled: !canRollBack(s), title: rollbackTitle(s), onSelect: () => void writes.rollback() },
          { label: 'Remove…', danger: true, title: `Remove ${s.name} and stop its tasks`, onSelect: () => open({ kind: 'remove', service: s }) },
        ]}
      />
    </>
  );
}

/** A paused update's two ways on, one click away in its row: `Resume update` and `Rollback`. */
export function PausedUpdateActions({ service: s, open, fail }: { service: SwarmService; open(d: ServiceDialog): void; fail(message: string): void }) {
  const writes = serviceWrites(s, fail);
  return (
    <span className="actions">
      <button type="button" title={resumeTitle(s)} onClick={() => open({ kind: 'resume', service: s })}>
        Resume update…
      </button>
      <button type="button" disabled={!canRollBack(s)} title={rollbackTitle(s)} onClick={() => void writes.rollback()}>
        Rollback
      </button>
    </span>
  );
}

function ScaleDialog({ service: s, onClose }: { service: SwarmService; onClose(): void }) {
  const [replicas, setReplicas] = useState(String(s.replicas.desired));
  const replicated = s.mode === 'replicated';
  const read = readReplicas(replicas);
  const bad = read.ok ? null : read.error;
  const why = replicated ? null : `${s.name} is a ${s.mode} service: only a replicated service has a replica count to scale${s.mode === 'global' ? ' (a global one runs one task on every node that may take it)' : ''}.`;
  return (
    <FormDialog
      title={`Scale ${s.name}`}
      submitLabel="Scale"
      canSubmit={replicated && !bad}
      error={why ?? (replicas ? bad : null)}
      onClose={onClose}
      onSubmit={async () => {
        await onService(s, client().call('swarm.scaleService', { service: s.id, replicas: read.ok ? read.value : 0 }));
        onClose();
      }}
    >
      {replicated && (
        <>
          <Field label="Replicas" value={replicas} onChange={setReplicas} autoFocus invalid={!!bad} hint={`${s.replicas.running} running of ${s.replicas.desired} wanted`} />
          <p className="muted mono">{read.ok ? toDockerServiceScale(s.name, read.value) : ''}</p>
        </>
      )}
    </FormDialog>
  );
}

function UpdateImageDialog({ service: s, onClose }: { service: SwarmService; onClose(): void }) {
  const [image, setImage] = useState(s.image);
  const [fields, setFields] = useState<UpdateFields>(() => updateFields(s.updateConfig));
  const ref = parseImage(image);
  const { update, errors } = readUpdateFields(fields);
  const outage = s.mode === 'replicated' ? outageHint(s.replicas.desired, fields.order, fields.failureAction) : null;
  return (
    <FormDialog
      title={`Update the image of ${s.name}`}
      submitLabel="Update"
      wide
      canSubmit={ref.ok && !!update}
      error={ref.ok ? null : ref.error}
      onClose={onClose}
      onSubmit={async () => {
        if (!ref.ok || !update) return;
        await onService(s, client().call('swarm.updateServiceImage', { service: s.id, image: ref.value, update }));
        useNotices.getState().push('info', `Updating ${s.name} to ${ref.value}`);
        onClose();
      }}
    >
      <Field label="Image" value={image} onChange={setImage} autoFocus invalid={!ref.ok} hint={s.imageDigest ? `now ${s.image}@${s.imageDigest}` : `now ${s.image}`} />
      <fieldset>
        <legend>Rolling update</legend>
        <UpdateSettingsFields value={fields} errors={errors} onChange={(k, v) => setFields((f) => ({ ...f, [k]: v }))} />
        {outage && (
          <p className="warn" id="svc-update-outage">
            {outage}
          </p>
        )}
      </fieldset>
      <div className="field">
        <label htmlFor="svc-update-line">Equivalent docker service update</label>
        <input id="svc-update-line" readOnly className="mono" value={ref.ok && update ? toDockerServiceUpdate(s.name, ref.value, update) : ''} />
      </div>
    </FormDialog>
  );
}

/**
 * Resume a paused update (`docker service update SERVICE`, swarm.resumeServiceUpdate) after an alertdialog saying
 * what it does (review 16c, finding A): the same update runs again, so an unfixed cause stops another task and
 * pauses again; and the previous spec becomes this one, so Rollback no longer returns to the image before.
 */
function ResumeConfirm({ service: s, onClose }: { service: SwarmService; onClose(): void }) {
  const before = s.previousImage && s.previousImage !== s.image ? s.previousImage : null;
  return (
    <RemoveConfirm
      title={`Resume the update of ${s.name}?`}
      confirmLabel="Resume update"
      remove={async () => {
        await onService(s, client().call('swarm.resumeServiceUpdate', { service: s.id }));
        useNotices.getState().push('info', `Resuming the update of ${s.name} to ${s.image}${before ? `; Rollback no longer goes back to ${before}` : ''}`);
      }}
      onClose={onClose}
    >
      <p>
        The swarm runs the same update to {s.image} again{s.updateStatus?.message ? ` (it paused: ${s.updateStatus.message})` : ''}. If its cause is not fixed (for an image no node has: push it or put it on the nodes first), it stops
        another running task and pauses again.
      </p>
      <p>{before ? `${s.name}'s previous spec becomes this one: Rollback will no longer return to ${before}. To go back, use Rollback instead of resuming.` : `${s.name}'s previous spec becomes this one.`}</p>
    </RemoveConfirm>
  );
}

/** The dialog open for a service, if any. */
export function ServiceDialogs({ dialog, onClose }: { dialog: ServiceDialog; onClose(): void }) {
  if (!dialog) return null;
  const s = dialog.service;
  if (dialog.kind === 'scale') return <ScaleDialog service={s} onClose={onClose} />;
  if (dialog.kind === 'image') return <UpdateImageDialog service={s} onClose={onClose} />;
  if (dialog.kind === 'resume') return <ResumeConfirm service={s} onClose={onClose} />;
  return (
    <RemoveConfirm
      title={`Remove service ${s.name}?`}
      remove={async () => {
        await onService(s, client().call('swarm.removeService', { service: s.id }));
        useNotices.getState().push('info', `Removed service ${s.name}: the swarm stops its tasks`);
      }}
      onClose={onClose}
    >
      <p>
        The swarm stops {s.name}&apos;s {s.replicas.running} running task{s.replicas.running === 1 ? '' : 's'}, on whichever nodes run them, and forgets the service (docker service rm {s.name}).
      </p>
    </RemoveConfirm>
  );
}
