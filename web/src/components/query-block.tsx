/** Renders a query's loading / error / data states plus the request's curl. */
import type { UseQueryResult } from '@tanstack/react-query';
import type { ApiRequest } from '../lib/api-client';
import { EquivalentRequest } from './equivalent-request';
import { ErrorState, Loading } from './states';

export function QueryBlock<T>({
  query,
  request,
  children,
}: {
  query: UseQueryResult<T>;
  request: ApiRequest;
  children: (data: T) => React.ReactNode;
}) {
  return (
    <>
      {query.isPending ? (
        <Loading />
      ) : query.error ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : (
        children(query.data as T)
      )}
      <EquivalentRequest request={request} />
    </>
  );
}
