/** Query options for a GET `ApiRequest`: the request value is the cache key, so equal requests share data. */
import { queryOptions } from '@tanstack/react-query';
import { type ApiRequest, apiFetch } from './api-client';

export function apiQueryOptions<T>(request: ApiRequest) {
  return queryOptions({
    queryKey: ['api', request],
    queryFn: ({ signal }) => apiFetch<T>(request, { signal }),
  });
}
