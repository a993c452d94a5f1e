/**
 * A small table of rows the screen already holds (settings, a registry's repositories and
 * jobs, an asset's findings): caption for screen readers, column headers, each cell
 * labelled for the phone layout, and the empty state when there are no rows. Server-paged
 * lists use DataTable instead.
 */
import { Empty } from './states';

export interface StaticColumn<T> {
  header: string;
  cell: (row: T) => React.ReactNode;
  className?: string;
}

interface Props<T> {
  caption: string;
  columns: StaticColumn<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  empty: React.ReactNode;
  /** Attributes of a row (e.g. aria-current for the chosen one). */
  rowProps?: (row: T) => React.HTMLAttributes<HTMLTableRowElement>;
}

export function StaticTable<T>({ caption, columns, rows, rowKey, empty, rowProps }: Props<T>) {
  if (rows.length === 0) return <Empty>{empty}</Empty>;
  return (
    <div className="table-scroll">
      <table>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col">
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={rowKey(r)} {...rowProps?.(r)}>
              {columns.map((c) => (
                <td key={c.header} data-label={c.header} className={c.className}>
                  {c.cell(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
