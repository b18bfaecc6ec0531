/**
 * An engine's refusal kept above a table until dismissed (e.g. a node action the engine refused): an
 * `alert` with the text and a Dismiss button; nothing when `text` is null.
 */
export function DismissibleAlert({ text, onDismiss }: { text: string | null; onDismiss(): void }) {
  if (!text) return null;
  return (
    <p role="alert" className="error-text">
      {text}{' '}
      <button type="button" onClick={onDismiss}>
        Dismiss
      </button>
    </p>
  );
}
