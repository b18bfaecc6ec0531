/**
 * The "Keyboard shortcuts" dialog (`?`): every row of the shortcut table, as a table of keys and what
 * they do, and where single keys do not fire (in text fields and terminals, which keep their keys).
 */
import { useEffect, useId, useRef } from 'react';
import { Keys } from './CommandPalette';
import type { Shortcut } from './shortcuts';
import { useModal } from '../../components/useModal';

const WHERE: Record<NonNullable<Shortcut['scope']>, string> = {
  page: '',
  fields: 'also in a text field, not in a terminal',
  everywhere: 'also in a text field and in a terminal',
};

export function ShortcutsHelp({ table, onClose }: { table: readonly Shortcut[]; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const closeRef = useRef<HTMLButtonElement>(null);
  useModal(ref);
  // After showModal, which would focus the first focusable element: the scrolling table.
  useEffect(() => closeRef.current?.focus(), []);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      className="dialog wide shortcuts-help"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId}>Keyboard shortcuts</h2>
      <p className="muted">
        Single keys act on the selected row (a row is selected when clicked or when one of its buttons has the focus) or on the object a page shows. They do
        not fire while you type in a text field or a terminal.
      </p>
      <div className="shortcuts-scroll">
        <table className="shortcuts">
          <thead>
            <tr>
              <th scope="col">Keys</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {table.map((s) => (
              <tr key={s.keys}>
                <td>
                  <Keys keys={s.keys} />
                </td>
                <td>
                  {s.label}
                  {s.scope && WHERE[s.scope] && <small className="muted"> ({WHERE[s.scope]})</small>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="dialog-actions">
        <button type="button" ref={closeRef} onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}
