/**
 * The server-driven list table: TanStack Table renders rows and column choice; paging and
 * sorting are the server's (the URL holds them, the API applies them), so a 100,000-image
 * inventory is never downloaded. A column is sortable when it names a QQL sort token.
 */
import {
  type ColumnDef,
  flexRender,
  getCoreRowModel,
  useReactTable,
  type VisibilityState,
} from '@tanstack/react-table';
import { useState } from 'react';

export interface SortState {
  token: string;
  direction: 'asc' | 'desc';
}

export type Column<T> = ColumnDef<T> & { meta?: { sortToken?: string } };

interface Props<T> {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  count: number;
  pageNo: number;
  pageSize: number;
  sort: SortState | null;
  onSort: (sort: SortState | null) => void;
  onPage: (pageNo: number) => void;
  rowKey: (row: T) => string;
}

export function parseSort(text: string | null): SortState | null {
  if (!text) return null;
  const [token, dir] = text.split(':');
  if (!token) return null;
  return { token, direction: dir === 'desc' ? 'desc' : 'asc' };
}

export function formatSort(sort: SortState | null): string | undefined {
  return sort ? `${sort.token}:${sort.direction}` : undefined;
}

export function DataTable<T>(props: Props<T>) {
  const [visibility, setVisibility] = useState<VisibilityState>({});
  const table = useReactTable({
    data: props.rows,
    columns: props.columns,
    state: { columnVisibility: visibility },
    onColumnVisibilityChange: setVisibility,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    getRowId: props.rowKey,
  });
  const pages = Math.max(1, Math.ceil(props.count / props.pageSize));
  const toggleSort = (token: string) => {
    const s = props.sort;
    if (!s || s.token !== token) props.onSort({ token, direction: 'asc' });
    else if (s.direction === 'asc') props.onSort({ token, direction: 'desc' });
    else props.onSort(null);
  };
  return (
    <div className="data-table">
      <div className="table-tools">
        <span className="count" aria-live="polite">
          {props.count.toLocaleString('en')} {props.count === 1 ? 'result' : 'results'}
        </span>
        <details className="column-choice">
          <summary>Columns</summary>
          <fieldset>
            <legend className="sr-only">Visible columns</legend>
            {table.getAllLeafColumns().map((c) => (
              <label key={c.id}>
                <input type="checkbox" checked={c.getIsVisible()} onChange={c.getToggleVisibilityHandler()} />
                {typeof c.columnDef.header === 'string' ? c.columnDef.header : c.id}
              </label>
            ))}
          </fieldset>
        </details>
      </div>
      <div className="table-scroll">
        <table>
          <caption className="sr-only">{props.caption}</caption>
          <thead>
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>
                {hg.headers.map((h) => {
                  const token = (h.column.columnDef as Column<T>).meta?.sortToken;
                  const sorted = token && props.sort?.token === token ? props.sort.direction : null;
                  const label = flexRender(h.column.columnDef.header, h.getContext());
                  return (
                    <th
                      key={h.id}
                      scope="col"
                      aria-sort={
                        sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined
                      }
                    >
                      {token ? (
                        <button type="button" className="sort-button" onClick={() => toggleSort(token)}>
                          {label}
                          <span aria-hidden="true">
                            {sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ' ↕'}
                          </span>
                        </button>
                      ) : (
                        label
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((r) => (
              <tr key={r.id}>
                {r.getVisibleCells().map((c) => (
                  <td key={c.id} data-label={String(c.column.columnDef.header ?? '')}>
                    {flexRender(c.column.columnDef.cell, c.getContext())}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav className="pager" aria-label={`${props.caption} pages`}>
        <button type="button" disabled={props.pageNo <= 1} onClick={() => props.onPage(props.pageNo - 1)}>
          Previous
        </button>
        <span>
          Page {props.pageNo} of {pages}
        </span>
        <button type="button" disabled={props.pageNo >= pages} onClick={() => props.onPage(props.pageNo + 1)}>
          Next
        </button>
      </nav>
    </div>
  );
}
