/**
 * A confirmation before anything is destroyed: a modal `alertdialog` (native <dialog>, so focus stays
 * inside and Escape cancels). Focus starts on Cancel, the safe choice.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useModal } from './useModal';

interface Props {
  title: string;
  children: ReactNode;
  /** Verb on the confirming button, e.g. "Remove". */
  confirmLabel: string;
  /** When false, the confirming button is disabled (e.g. force not chosen for a running container). */
  canConfirm?: boolean;
  busy?: boolean;
  /** Why the last attempt failed, shown inside the dialog (which stays open). */
  error?: string | null;
  onConfirm(): void;
  onCancel(): void;
}

export function ConfirmDialog({ title, children, confirmLabel, canConfirm = true, busy = false, error, onConfirm, onCancel }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useModal(ref);
  // After showModal (useModal's effect runs first): Cancel, the safe choice, has the focus.
  useEffect(() => cancelRef.current?.focus(), []);

  return (
    <dialog
      ref={ref}
      role="alertdialog"
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      className="dialog"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <div id={bodyId} className="dialog-body">
        {children}
        {error && (
          <p role="alert" className="error-text">
            {error}
          </p>
        )}
      </div>
      <div className="dialog-actions">
        <button type="button" ref={cancelRef} onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="danger" disabled={!canConfirm || busy} aria-busy={busy} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
