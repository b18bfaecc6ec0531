/**
 * The command palette: a modal `dialog` named "Command palette" holding a `combobox` (the WAI-ARIA
 * combobox pattern with a `listbox` popup: `aria-controls`, `aria-activedescendant`; focus stays in the
 * input). Typing filters the commands fuzzily; ArrowUp/ArrowDown move (wrapping), Enter runs the active
 * one, Escape (or Mod+K again) closes, and the focus goes back where it was (useModal).
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { rankCommands, type Command, type Ranked } from './commands';
import { formatShortcut, isMac } from './keys';
import { useModal } from '../../components/useModal';

interface Props {
  commands: readonly Command[];
  /** Run a command; the palette is closed first. */
  onRun(command: Command): void;
  onClose(): void;
}

/** The title with the matched characters marked. */
function Title({ title, marks }: { title: string; marks: readonly number[] }) {
  if (!marks.length) return <>{title}</>;
  const set = new Set(marks);
  return <>{[...title].map((ch, i) => (set.has(i) ? <mark key={i}>{ch}</mark> : ch))}</>;
}

/** The keys of a shortcut as <kbd>s, one per chord (`G` then `C`). */
export function Keys({ keys }: { keys: string }) {
  return (
    <span className="keys">
      {formatShortcut(keys, isMac()).map((k, i) => (
        <span key={i}>
          {i > 0 && <span className="then"> then </span>}
          <kbd>{k}</kbd>
        </span>
      ))}
    </span>
  );
}

export function CommandPalette({ commands, onRun, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  useModal(ref);
  const listId = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const results: Ranked[] = useMemo(() => rankCommands(query, commands), [query, commands]);
  const current = Math.min(active, results.length - 1);
  const optionId = (i: number) => `${listId}-o${i}`;

  useEffect(() => {
    if (current >= 0) document.getElementById(optionId(current))?.scrollIntoView({ block: 'nearest' });
    // optionId derives from listId, stable for the component's life.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current]);

  const run = (i: number) => {
    const r = results[i];
    if (r) onRun(r.command);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    const n = results.length;
    const mod = isMac() ? e.metaKey : e.ctrlKey;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (n) setActive((current + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      run(current);
    } else if (mod && (e.key.toLowerCase() === 'k' || (e.shiftKey && e.key.toLowerCase() === 'p'))) {
      e.preventDefault();
      onClose();
    }
  };

  return (
    <dialog
      ref={ref}
      aria-label="Command palette"
      className="dialog palette"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => e.target === ref.current && onClose()}
    >
      <input
        type="text"
        role="combobox"
        aria-label="Command"
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={current >= 0 ? optionId(current) : undefined}
        placeholder="Type a command or a view…"
        autoFocus
        autoComplete="off"
        spellCheck={false}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKey}
      />
      <ul role="listbox" id={listId} aria-label="Commands" className="palette-list">
        {results.map((r, i) => (
          <li
            key={r.command.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === current}
            aria-labelledby={`${optionId(i)}-t`}
            aria-describedby={`${optionId(i)}-d`}
            className={r.command.danger ? 'palette-option danger' : 'palette-option'}
            onMouseMove={() => i !== current && setActive(i)}
            onClick={() => run(i)}
          >
            <span id={`${optionId(i)}-t`} className="palette-title">
              <Title title={r.command.title} marks={r.marks} />
            </span>
            <span id={`${optionId(i)}-d`} className="palette-meta">
              <span className="palette-section">{r.command.section}</span>
              {r.command.shortcut && <Keys keys={r.command.shortcut} />}
            </span>
          </li>
        ))}
      </ul>
      {results.length === 0 && (
        <p className="palette-empty" role="status">
          No command matches “{query}”.
        </p>
      )}
    </dialog>
  );
}
