/**
 * A stack's actions, the same wherever a stack is shown (a Stacks row, a stack's details, its header row in
 * Containers): Start or Stop, Logs, Remove, and in More: Restart, Pause, Unpause, Pull and recreate, Scale…,
 * Down…, Details. Engine actions on its containers (stack-actions.ts); the rest run the user's Compose.
 */
import { useState, type ReactNode } from 'react';
import { client } from '../../client/client';
import { go, MoreMenu, type MoreAction } from '../../components/MoreMenu';
import { reportError } from '../../stores/notices';
import { DownStackDialog } from './DownStackDialog';
import type { Stack } from './group';
import { RemoveStackDialog } from './RemoveStackDialog';
import { ScaleDialog } from './ScaleDialog';
import { actOn, targets, type StackVerb } from './stack-actions';

/** A stack dialog: Remove (confirmation), Down…, Scale…. */
export type StackDialog = 'remove' | 'down' | 'scale';
type OpenDialog = (kind: StackDialog, stack: Stack) => void;

/**
 * The stack dialogs of a view, kept at the view's level (a table row may scroll out of the DOM while its
 * dialog is open): `open` shows one for a stack, `dialogs` is where the view renders them.
 */
export function useStackDialogs(): { open: OpenDialog; dialogs: ReactNode } {
  const [shown, setShown] = useState<{ kind: StackDialog; stack: Stack } | null>(null);
  const close = () => setShown(null);
  const dialogs =
    shown?.kind === 'remove' ? <RemoveStackDialog stack={shown.stack} onClose={close} /> : shown?.kind === 'down' ? <DownStackDialog stack={shown.stack} onClose={close} /> : shown?.kind === 'scale' ? <ScaleDialog stack={shown.stack} onClose={close} /> : null;
  return { open: (kind, stack) => setShown({ kind, stack }), dialogs };
}

export function StackActions({ stack: s, open, details = true }: { stack: Stack; open: OpenDialog; details?: boolean }) {
  const [busy, setBusy] = useState<StackVerb | undefined>();
  const setDialog = (kind: StackDialog) => open(kind, s);
  const act = async (verb: StackVerb) => {
    setBusy(verb);
    try {
      await actOn(s.containers, verb, `stack ${s.project}`);
    } finally {
      setBusy(undefined);
    }
  };
  const button = (verb: StackVerb) => (
    <button key={verb} type="button" disabled={busy !== undefined || !targets(s.containers, verb).length} aria-busy={busy === verb} title={`${verb} stack ${s.project}`} onClick={() => void act(verb)}>
      {verb}
    </button>
  );
  const more: MoreAction[] = [
    ...(details ? [{ label: 'Details', title: `Services, configuration and commands of ${s.project}`, onSelect: () => go(`#/stack/${encodeURIComponent(s.project)}/services`) }] : []),
    ...(['Restart', 'Pause', 'Unpause'] as const).map((verb) => ({
      label: verb,
      title: `${verb} stack ${s.project}`,
      disabled: busy !== undefined || !targets(s.containers, verb).length,
      onSelect: () => void act(verb),
    })),
    {
      label: 'Pull and recreate',
      title: `compose pull, then up -d: newer images for ${s.project}, containers recreated where they changed`,
      onSelect: () => void client().call('stacks.recreate', { project: s.project }).catch((err: unknown) => reportError(`pull and recreate ${s.project}`, err)),
    },
    { label: 'Scale…', title: `Change the number of replicas of a service of ${s.project}`, onSelect: () => setDialog('scale') },
    { label: 'Down…', title: `compose down: remove ${s.project}'s containers and networks (volumes only when ticked)`, onSelect: () => setDialog('down') },
  ];
  return (
    <span className="actions">
      {s.state === 'running' ? button('Stop') : button('Start')}
      {s.state === 'partly running' && button('Stop')}
      <a className="button" role="button" href={`#/stack-logs/${encodeURIComponent(s.project)}`} title={`Logs of every service of ${s.project}`}>
        Logs
      </a>
      <button type="button" className="danger" title={`Remove stack ${s.project}`} onClick={() => setDialog('remove')}>
        Remove
      </button>
      <MoreMenu name={`stack ${s.project}`} actions={more} />
    </span>
  );
}
