/**
 * A sortable, virtualized table (ARIA `table` with `row`s and `cell`s) for lists of thousands of engine
 * objects: only the rows in view are in the DOM (@tanstack/react-virtual); `aria-rowcount` and
 * `aria-rowindex` tell assistive technology the whole size. With `groups`, rows fold under collapsible
 * group header rows (grouping.ts); a header row's toggle is a button with `aria-expanded`. With `onSelect`,
 * a row clicked or holding the focus (one of its buttons) becomes the selected one (`aria-selected`): the
 * current object the command palette and the shortcuts act on.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { withGroups, type Entry } from './grouping';

export interface Column<T> {
  id: string;
  header: string;
  /** CSS grid track, e.g. `minmax(120px, 2fr)`. */
  width: string;
  cell: (row: T) => ReactNode;
  /** When given, the column sorts by this value. */
  sortValue?: (row: T) => string | number;
}

export interface SortState {
  column: string;
  direction: 'ascending' | 'descending';
}

/** Rows folded under collapsible headers. */
export interface Grouping<T> {
  /** A row's group key, or undefined for a row in no group. */
  of: (row: T) => string | undefined;
  /** The toggle's accessible name for a group (`stack shop`). */
  name: (key: string) => string;
  /** The toggle's visible text (default: the key itself). */
  label?: (key: string) => string;
  /** What the header row shows after the toggle: the group's summary and actions. */
  header: (key: string, rows: T[]) => ReactNode;
}

interface Props<T> {
  /** Accessible name: the view's name ("Containers", "Images"). */
  label: string;
  rows: T[];
  rowKey: (row: T) => string;
  columns: Column<T>[];
  initialSort?: SortState;
  /** Shown in place of rows when there are none. */
  empty: ReactNode;
  /** Row height in px (rows are fixed-height for virtualization). */
  rowHeight?: number;
  /** A row's own height in px, when rows differ (e.g. an image with several tags, one per line). */
  rowHeightOf?: (row: T) => number;
  groups?: Grouping<T>;
  /** The selected row's key (`rowKey`), if any. */
  selected?: string;
  /** Called with a row's key when it is clicked or takes the focus; rows are selectable only with it. */
  onSelect?(key: string): void;
}

function compare(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: 'base' });
}

export function VirtualTable<T>({ label, rows, rowKey, columns, initialSort, empty, rowHeight = 40, rowHeightOf, groups, selected, onSelect }: Props<T>) {
  const [sort, setSort] = useState<SortState | undefined>(initialSort);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const scrollRef = useRef<HTMLDivElement>(null);
  const template = columns.map((c) => c.width).join(' ');

  const sorted = useMemo(() => {
    const col = columns.find((c) => c.id === sort?.column);
    if (!col?.sortValue || !sort) return rows;
    const value = col.sortValue;
    const sign = sort.direction === 'ascending' ? 1 : -1;
    return rows.slice().sort((a, b) => sign * compare(value(a), value(b)));
  }, [rows, columns, sort]);

  const groupOf = groups?.of;
  const entries: Entry<T>[] = useMemo(
    () => (groupOf ? withGroups(sorted, groupOf, collapsed) : sorted.map((row) => ({ kind: 'row', row, group: undefined }))),
    [sorted, groupOf, collapsed],
  );
  const toggle = (key: string) =>
    setCollapsed((c) => {
      const n = new Set(c);
      if (!n.delete(key)) n.add(key);
      return n;
    });

  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => {
      const e = entries[i]!;
      return e.kind === 'group' ? rowHeight : (rowHeightOf?.(e.row) ?? rowHeight);
    },
    overscan: 8,
    getItemKey: (i) => {
      const e = entries[i]!;
      return e.kind === 'group' ? `group:${e.key}` : rowKey(e.row);
    },
  });

  // Sizes are cached by key: rows whose own height may change (tags added or removed) are measured again.
  useEffect(() => {
    if (rowHeightOf) virtualizer.measure();
  }, [entries, rowHeightOf, virtualizer]);

  const toggleSort = (id: string) =>
    setSort((s) => ({ column: id, direction: s?.column === id && s.direction === 'ascending' ? 'descending' : 'ascending' }));

  return (
    <div className="vtable" role="table" aria-label={label} aria-rowcount={entries.length + 1}>
      <div role="rowgroup" className="vtable-head">
        <div role="row" aria-rowindex={1} className="vtable-row" style={{ gridTemplateColumns: template }}>
          {columns.map((c) => (
            <div
              key={c.id}
              role="columnheader"
              className="vtable-cell"
              aria-sort={sort?.column === c.id ? sort.direction : c.sortValue ? 'none' : undefined}
            >
              {c.sortValue ? (
                <button type="button" className="sort" onClick={() => toggleSort(c.id)} title={`Sort by ${c.header}`}>
                  {c.header}
                  <span aria-hidden="true">{sort?.column === c.id ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}</span>
                </button>
              ) : (
                c.header
              )}
            </div>
          ))}
        </div>
      </div>
      {/* No rows: no rowgroup (a rowgroup must hold rows); the message is plain text. */}
      <div role={sorted.length ? 'rowgroup' : undefined} className="vtable-body" ref={scrollRef}>
        {sorted.length === 0 ? (
          <div className="vtable-empty">{empty}</div>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((v) => {
              const entry = entries[v.index]!;
              const style = { gridTemplateColumns: template, height: v.size, transform: `translateY(${v.start}px)` };
              if (entry.kind === 'group') {
                return (
                  <div key={v.key} role="row" aria-rowindex={v.index + 2} aria-expanded={entry.expanded} className="vtable-row vtable-group" style={style}>
                    <div role="cell" className="vtable-cell vtable-group-cell">
                      <button type="button" className="group-toggle" aria-expanded={entry.expanded} aria-label={groups!.name(entry.key)} title={`${entry.expanded ? 'Collapse' : 'Expand'} ${groups!.name(entry.key)}`} onClick={() => toggle(entry.key)}>
                        <span aria-hidden="true">{entry.expanded ? '▾' : '▸'}</span> {groups!.label ? groups!.label(entry.key) : entry.key}
                      </button>
                      {groups!.header(entry.key, entry.rows)}
                    </div>
                  </div>
                );
              }
              const row = entry.row;
              const key = rowKey(row);
              const select = onSelect && (() => key !== selected && onSelect(key));
              return (
                <div
                  key={v.key}
                  role="row"
                  aria-rowindex={v.index + 2}
                  aria-selected={onSelect ? key === selected : undefined}
                  className={entry.group === undefined ? 'vtable-row' : 'vtable-row in-group'}
                  style={style}
                  onClick={select}
                  onFocus={select}
                >
                  {columns.map((c) => (
                    <div key={c.id} role="cell" className="vtable-cell">
                      {c.cell(row)}
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
