/**
 * A modal form (native <dialog>: focus stays inside, Escape cancels): a title, labelled fields, an error
 * shown as an alert, Cancel and a submit button named by its verb. Submitting runs `onSubmit`; a thrown
 * error is shown in the dialog and the dialog stays open.
 */
import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useModal } from './useModal';

interface Props {
  title: string;
  /** The submit button's verb: "Pull", "Log in", "Build". */
  submitLabel: string;
  /** False disables the submit button (e.g. a required field is empty or invalid). */
  canSubmit?: boolean;
  /** Shown in the dialog as an alert (e.g. inline validation). */
  error?: string | null;
  /** Replaces Cancel's label once the work has started ("Close" when a task keeps running). */
  cancelLabel?: string;
  wide?: boolean;
  /** Said (as a status) while `onSubmit` runs: what the engine is doing when that can take seconds (a swarm join). */
  busyText?: string;
  children: ReactNode;
  onSubmit(): Promise<void> | void;
  onClose(): void;
}

export function FormDialog({ title, submitLabel, canSubmit = true, error, cancelLabel = 'Cancel', wide, busyText, children, onSubmit, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  useModal(ref);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!canSubmit || busy) return;
    setBusy(true);
    setFailure(null);
    try {
      await onSubmit();
    } catch (err) {
      setFailure((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const shown = error ?? failure;
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      className={wide ? 'dialog wide' : 'dialog'}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <form onSubmit={(e) => void submit(e)} className="form">
        <h2 id={titleId}>{title}</h2>
        {children}
        {busy && busyText && (
          <p role="status" className="muted">
            {busyText}
          </p>
        )}
        {shown && (
          <p role="alert" className="error-text">
            {shown}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {cancelLabel}
          </button>
          <button type="submit" className="primary" disabled={!canSubmit || busy} aria-busy={busy}>
            {submitLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** A labelled text field for FormDialog. */
export function Field(props: {
  label: string;
  value: string;
  onChange(v: string): void;
  type?: 'text' | 'password';
  placeholder?: string;
  autoFocus?: boolean;
  hint?: string;
  invalid?: boolean;
  autoComplete?: string;
}) {
  const id = useId();
  const hintId = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type={props.type ?? 'text'}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        placeholder={props.placeholder}
        autoFocus={props.autoFocus}
        aria-invalid={props.invalid || undefined}
        aria-describedby={props.hint ? hintId : undefined}
        autoComplete={props.autoComplete ?? 'off'}
        spellCheck={false}
      />
      {props.hint && (
        <small id={hintId} className="muted">
          {props.hint}
        </small>
      )}
    </div>
  );
}
