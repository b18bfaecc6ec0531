/**
 * A sortable, virtualized table (ARIA `table` with `row`s and `cell`s) for lists of thousands of engine
 * objects: only the rows in view are in the DOM (@tanstack/react-virtual); `aria-rowcount` and
 * `aria-rowindex` tell assistive technology the whole size.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

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
}

function compare(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: 'base' });
}

export function VirtualTable<T>({ label, rows, rowKey, columns, initialSort, empty, rowHeight = 40, rowHeightOf }: Props<T>) {
  const [sort, setSort] = useState<SortState | undefined>(initialSort);
  const scrollRef = useRef<HTMLDivElement>(null);
  const template = columns.map((c) => c.width).join(' ');

  const sorted = useMemo(() => {
    const col = columns.find((c) => c.id === sort?.column);
    if (!col?.sortValue || !sort) return rows;
    const value = col.sortValue;
    const sign = sort.direction === 'ascending' ? 1 : -1;
    return rows.slice().sort((a, b) => sign * compare(value(a), value(b)));
  }, [rows, columns, sort]);

  const virtualizer = useVirtualizer({
    count: sorted.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => rowHeightOf?.(sorted[i]) ?? rowHeight,
    overscan: 8,
    getItemKey: (i) => rowKey(sorted[i]),
  });

  // Sizes are cached by key: rows whose own height may change (tags added or removed) are measured again.
  useEffect(() => {
    if (rowHeightOf) virtualizer.measure();
  }, [sorted, rowHeightOf, virtualizer]);

  const toggleSort = (id: string) =>
    setSort((s) => ({ column: id, direction: s?.column === id && s.direction === 'ascending' ? 'descending' : 'ascending' }));

  return (
    <div className="vtable" role="table" aria-label={label} aria-rowcount={sorted.length + 1}>
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
      <div role="rowgroup" className="vtable-body" ref={scrollRef}>
        {sorted.length === 0 ? (
          <div className="vtable-empty">{empty}</div>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((v) => {
              const row = sorted[v.index];
              return (
                <div
                  key={v.key}
                  role="row"
                  aria-rowindex={v.index + 2}
                  className="vtable-row"
                  style={{ gridTemplateColumns: template, height: v.size, transform: `translateY(${v.start}px)` }}
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
