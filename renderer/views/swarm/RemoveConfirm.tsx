/**
 * The Swarm tabs' removal confirmation: an `alertdialog` (ConfirmDialog) that runs `remove` and stays open
 * with the engine's message when it refuses (a secret in use, a node that is not down), closing on success.
 */
import { useState, type ReactNode } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';

/** `confirmLabel`: the confirming button's name (default `Remove`; the Services tab's resume says `Resume update`). */
export function RemoveConfirm({ title, confirmLabel = 'Remove', canConfirm, remove, onClose, children }: { title: string; confirmLabel?: string; canConfirm?: boolean; remove(): Promise<unknown>; onClose(done: boolean): void; children: ReactNode }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <ConfirmDialog
      title={title}
      confirmLabel={confirmLabel}
      canConfirm={canConfirm}
      busy={busy}
      error={error}
      onCancel={() => onClose(false)}
      onConfirm={() => {
        setBusy(true);
        setError(null);
        remove().then(
          () => onClose(true),
          (e: Error) => (setError(e.message), setBusy(false)),
        );
      }}
    >
      {children}
    </ConfirmDialog>
  );
}
