/**
 * A list screen: QQL search, server-paged sortable table, equivalent API request, and the
 * loading / error / empty states. The feature supplies the request builder and columns.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ApiError, type ApiRequest, apiFetch, type Page } from '../lib/api-client';
import { type Column, DataTable, formatSort } from './data-table';
import { EquivalentRequest } from './equivalent-request';
import type { QqlEntity } from './qql/get-qql-catalog';
import { QqlSearch } from './qql/qql-search';
import { Empty, ErrorState, Loading } from './states';
import { useListParams } from './use-list-params';

export const PAGE_SIZE = 50;

export interface ListRequestParams {
  filter: string;
  sort: string | undefined;
  pageNo: number;
  pageSize: number;
}

interface Props<T> {
  title: string;
  entity: QqlEntity;
  request: (p: ListRequestParams) => ApiRequest;
  columns: Column<T>[];
  rowKey: (row: T) => string;
  defaultSort?: string;
  emptyText: string;
  actions?: React.ReactNode;
  /** Shown above the search (e.g. what the list cannot hold). */
  notice?: React.ReactNode;
}

export function ListView<T>(props: Props<T>) {
  const { filter, sort, pageNo, update } = useListParams(props.defaultSort ?? null);
  const request = props.request({ filter, sort: formatSort(sort), pageNo, pageSize: PAGE_SIZE });
  const query = useQuery({
    queryKey: ['list', request],
    queryFn: ({ signal }) => apiFetch<Page<T>>(request, { signal }),
    placeholderData: keepPreviousData,
    retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2,
  });
  const qqlError =
    query.error instanceof ApiError && query.error.code.startsWith('QQL_')
      ? { message: query.error.message, column: query.error.column }
      : null;
  return (
    <section className="list-view" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{props.title}</h1>
        {props.actions}
      </header>
      {props.notice}
      <QqlSearch
        key={filter}
        entity={props.entity}
        value={filter}
        onSubmit={(f) => update({ filter: f })}
        error={qqlError}
      />
      {query.isPending ? (
        <Loading />
      ) : query.error && !qqlError ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : query.data && query.data.count === 0 ? (
        <Empty>{filter ? `Nothing matches “${filter}”.` : props.emptyText}</Empty>
      ) : query.data ? (
        <DataTable
          caption={props.title}
          columns={props.columns}
          rows={query.data.data}
          count={query.data.count}
          pageNo={pageNo}
          pageSize={PAGE_SIZE}
          sort={sort}
          onSort={(s) => update({ sort: s })}
          onPage={(p) => update({ pageNo: p })}
          rowKey={props.rowKey}
        />
      ) : null}
      <EquivalentRequest request={request} />
    </section>
  );
}
