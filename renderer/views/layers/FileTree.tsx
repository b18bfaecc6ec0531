/**
 * The Files tree: ARIA `tree` with `treeitem`s (level, position, expanded, selected), virtualized for
 * 100k+ entries, keyboard navigable as the WAI-ARIA tree pattern describes (↑ ↓ move, → opens or enters,
 * ← closes or goes to the parent, Home/End, Enter/Space toggles). Each item's accessible name says the
 * file name, its change in words (and what a modification changed), its size, mode and owner.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { modeString, ownerString } from '../../../shared/file-mode';
import type { TreeRow } from '../../../shared/layers';
import { describeRow, modifiedWhat, type VisibleRow } from './file-tree';
import { formatBytes } from '../../format';

const ROW = 26;

export function FileTree({ visible, onToggle, onSelect }: { visible: VisibleRow[]; onToggle(path: string, open?: boolean): void; onSelect?(row: TreeRow): void }) {
  const [focus, setFocus] = useState(0);
  const scrollRef = useRef<HTMLDivElement>(null);
  const itemRefs = useRef(new Map<number, HTMLDivElement>());
  const virtualizer = useVirtualizer({ count: visible.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW, overscan: 12 });
  const current = Math.min(focus, Math.max(0, visible.length - 1));

  useEffect(() => {
    if (scrollRef.current?.contains(document.activeElement)) itemRefs.current.get(current)?.focus();
  }, [current, visible]);


  const move = (i: number) => {
    const next = Math.max(0, Math.min(visible.length - 1, i));
    setFocus(next);
    if (visible[next]) onSelect?.(visible[next].row);
    virtualizer.scrollToIndex(next, { align: 'auto' });
    requestAnimationFrame(() => itemRefs.current.get(next)?.focus());
  };

  const onKey = (e: KeyboardEvent<HTMLDivElement>, i: number) => {
    const v = visible[i];
    const isDir = v.row.childCount > 0;
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(i + 1),
      ArrowUp: () => move(i - 1),
      Home: () => move(0),
      End: () => move(visible.length - 1),
      ArrowRight: () => (isDir && !v.expanded ? onToggle(v.row.path, true) : isDir ? move(i + 1) : undefined),
      ArrowLeft: () => {
        if (isDir && v.expanded) return onToggle(v.row.path, false);
        for (let j = i - 1; j >= 0; j--) if (visible[j].level < v.level) return move(j);
      },
      Enter: () => isDir && onToggle(v.row.path),
      ' ': () => isDir && onToggle(v.row.path),
    };
    const action = keys[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  };

  if (visible.length === 0) return <p className="vtable-empty">No file matches.</p>;
  return (
    <div className="tree-scroll" ref={scrollRef}>
      <div role="tree" aria-label="Files" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const v = visible[item.index];
          const n = v.row;
          const isDir = n.childCount > 0;
          const kind = n.kind;
          return (
            <div
              key={n.path}
              ref={(el) => {
                if (el) itemRefs.current.set(item.index, el);
                else itemRefs.current.delete(item.index);
              }}
              role="treeitem"
              aria-label={describeRow(n)}
              aria-level={v.level}
              aria-posinset={v.pos}
              aria-setsize={v.setSize}
              aria-expanded={isDir ? v.expanded : undefined}
              aria-selected={item.index === current}
              tabIndex={item.index === current ? 0 : -1}
              className={`tree-item ${kind}`}
              style={{ transform: `translateY(${item.start}px)`, height: ROW, paddingLeft: 8 + (v.level - 1) * 16 }}
              onClick={() => {
                setFocus(item.index);
                onSelect?.(n);
                if (isDir) onToggle(n.path);
              }}
              onKeyDown={(e) => onKey(e, item.index)}
            >
              <span className="twisty" aria-hidden="true">{isDir ? (v.expanded ? '▾' : '▸') : ''}</span>
              <span className="tree-name">
                {n.name}
                {n.linkname ? <span className="muted">{n.type === 'hardlink' ? ` (hard link to ${n.linkname})` : ` → ${n.linkname}`}</span> : null}
                {v.loading ? <span className="muted"> (loading…)</span> : null}
              </span>
              {/* The columns repeat what the name says, drawn as CSS content (shown-text) so the visible text of the
                  item is its name, the start of its accessible name (WCAG 2.5.3, label in name). */}
              <span className={`badge ${kind} shown-text`} aria-hidden="true" data-text={`${kind === 'unchanged' ? '' : kind}${modifiedWhat(n).toLowerCase()}`} />
              <span className="tree-mode shown-text" aria-hidden="true" data-text={n.mode !== undefined ? modeString(n.type, n.mode) : ''} />
              <span className="tree-owner shown-text" aria-hidden="true" data-text={n.uid !== undefined && n.gid !== undefined ? ownerString(n.uid, n.gid) : ''} />
              <span className="tree-size shown-text" aria-hidden="true" data-text={formatBytes(n.bytes)} />
            </div>
          );
        })}
      </div>
    </div>
  );
}
