/** Columns more than one table shows. */
import { Ago } from './Ago';
import type { Column } from './VirtualTable';

/** "Created": relative time, exact time on hover, sortable. `created` is ms since the epoch. */
export function createdColumn<T>(created: (row: T) => number): Column<T> {
  return {
    id: 'created',
    header: 'Created',
    width: '130px',
    sortValue: created,
    cell: (row) => <Ago ms={created(row)} />,
  };
}
