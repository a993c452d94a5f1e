/** GET /csapi/v1.1/<entity>?filter=…&pageSize=1 — the `count` of a QQL query, one number of a widget. */
import { useQueries, useQuery } from '@tanstack/react-query';
import { type ApiRequest, apiFetch, type Page } from '../../../lib/api-client';
import { ENTITY_PATH, type WidgetEntity } from '../widget-model';

export const countRequest = (entity: WidgetEntity, filter: string): ApiRequest => ({
  path: ENTITY_PATH[entity].api,
  query: { filter, pageNo: 1, pageSize: 1 },
});

const countOptions = (entity: WidgetEntity, filter: string) => ({
  queryKey: ['count', entity, filter],
  queryFn: async ({ signal }: { signal: AbortSignal }) =>
    (await apiFetch<Page<unknown>>(countRequest(entity, filter), { signal })).count,
  staleTime: 30_000,
});

export const useCount = (entity: WidgetEntity, filter: string) => useQuery(countOptions(entity, filter));

export const useCounts = (entity: WidgetEntity, filters: string[]) =>
  useQueries({ queries: filters.map((f) => countOptions(entity, f)) });
