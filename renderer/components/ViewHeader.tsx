/** A list view's header: title, "shown of total" count, a filter box and any extra controls. */
import type { ReactNode } from 'react';

interface Props {
  /** The view's name; also the heading's text. */
  title: string;
  shown: number;
  total: number;
  loaded: boolean;
  filter: string;
  onFilter(text: string): void;
  placeholder: string;
  children?: ReactNode;
}

export function ViewHeader({ title, shown, total, loaded, filter, onFilter, placeholder, children }: Props) {
  return (
    <header className="view-head">
      <h1 id={`${title.toLowerCase()}-title`}>{title}</h1>
      <span className="count">{loaded ? `${shown} of ${total}` : 'Loading…'}</span>
      <input type="search" aria-label={`Filter ${title.toLowerCase()}`} placeholder={placeholder} value={filter} onChange={(e) => onFilter(e.target.value)} />
      {children}
    </header>
  );
}
