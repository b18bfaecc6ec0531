/** A filter box's text and the rows whose fields (any of them, as JSON) contain it, case-insensitively. */
import { useMemo, useState } from 'react';

export function useTextFilter<T>(rows: T[]): { filter: string; setFilter(text: string): void; shown: T[] } {
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  const shown = useMemo(() => (needle ? rows.filter((r) => JSON.stringify(r).toLowerCase().includes(needle)) : rows), [rows, needle]);
  return { filter, setFilter, shown };
}
