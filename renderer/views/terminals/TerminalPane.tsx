/**
 * Shows one session's terminal: moves its element in, fits it to the pane (ResizeObserver → fit addon →
 * `sessions.resize`), focuses it, and offers Copy / Paste / Select all / Clear on the context menu.
 */
import { useEffect, useRef, useState } from 'react';
import { parkTerminal, terminalFor } from './registry';
import { rememberSize } from './size';

/** `onSize` hears the terminal's size in cells after every fit. */
export function TerminalPane({ id, label, onSize }: { id: string; label: string; onSize?(size: { cols: number; rows: number }): void }) {
  const host = useRef<HTMLDivElement>(null);
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const h = terminalFor(id);
    el.appendChild(h.element);
    const fit = () => {
      if (el.clientWidth < 20 || el.clientHeight < 20) return;
      h.fit.fit();
      rememberSize({ cols: h.term.cols, rows: h.term.rows });
    };
    const sizeListener = h.term.onResize((size) => onSize?.(size));
    onSize?.({ cols: h.term.cols, rows: h.term.rows });
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(fit);
    });
    observer.observe(el);
    fit();
    h.term.focus();
    return () => {
      observer.disconnect();
      sizeListener.dispose();
      cancelAnimationFrame(frame);
      parkTerminal(id);
    };
    // onSize is a setter from the parent: stable.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  const act = async (what: 'copy' | 'paste' | 'select' | 'clear') => {
    const { term } = terminalFor(id);
    setMenu(null);
    if (what === 'copy') await navigator.clipboard?.writeText(term.getSelection()).catch(() => undefined);
    if (what === 'paste') {
      const text = await navigator.clipboard?.readText().catch(() => '');
      if (text) term.paste(text);
    }
    if (what === 'select') term.selectAll();
    if (what === 'clear') term.clear();
    term.focus();
  };

  return (
    <div
      className="terminal-pane"
      role="group"
      aria-label={label}
      ref={host}
      onContextMenu={(e) => {
        e.preventDefault();
        setMenu({ x: e.clientX, y: e.clientY });
      }}
    >
      {menu && (
        <ul
          role="menu"
          aria-label="Terminal"
          className="context-menu"
          style={{ left: menu.x, top: menu.y }}
          onKeyDown={(e) => e.key === 'Escape' && setMenu(null)}
          onMouseLeave={() => setMenu(null)}
        >
          {(
            [
              ['copy', 'Copy'],
              ['paste', 'Paste'],
              ['select', 'Select all'],
              ['clear', 'Clear'],
            ] as const
          ).map(([what, name], i) => (
            <li key={what} role="none">
              <button role="menuitem" type="button" autoFocus={i === 0} onClick={() => void act(what)}>
                {name}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
