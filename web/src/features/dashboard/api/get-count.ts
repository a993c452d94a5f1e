/**
 * The numbers of a widget. One number: `GET /csapi/v1.1/<entity>?filter=…&pageSize=1`'s
 * `count`. Several (the segments of a bar, pie or trend): one `GET /csapi/v1.1/counts`
 * with every segment's filter, which the server answers from one query with the same
 * numbers the list requests would give.
 */
import { useQuery } from '@tanstack/react-query';
import { type ApiRequest, apiFetch, type Page } from '../../../lib/api-client';
import { ENTITY_PATH, type WidgetEntity } from '../widget-model';

export const countRequest = (entity: WidgetEntity, filter: string): ApiRequest => ({
  path: ENTITY_PATH[entity].api,
  query: { filter, pageNo: 1, pageSize: 1 },
});

export const countsRequest = (entity: WidgetEntity, filters: string[]): ApiRequest => ({
  path: '/csapi/v1.1/counts',
  query: { entity, filters: JSON.stringify(filters) },
});

/** Entities `/counts` serves; the others fall back to one list request per number. */
const BATCHED = new Set<WidgetEntity>(['images', 'containers', 'events', 'sensors']);

/** The count of one filter; none is asked for while `filter` is null. */
export const useCount = (entity: WidgetEntity, filter: string | null) =>
  useQuery({
    queryKey: ['count', entity, filter],
    queryFn: async ({ signal }) =>
      (await apiFetch<Page<unknown>>(countRequest(entity, filter ?? ''), { signal })).count,
    enabled: filter !== null,
    staleTime: 30_000,
  });

export const useCounts = (entity: WidgetEntity, filters: string[]) =>
  useQuery({
    queryKey: ['counts', entity, filters],
    queryFn: async ({ signal }) => {
      if (BATCHED.has(entity))
        return (await apiFetch<{ counts: number[] }>(countsRequest(entity, filters), { signal })).counts;
      return Promise.all(
        filters.map(async (f) => (await apiFetch<Page<unknown>>(countRequest(entity, f), { signal })).count),
      );
    },
    staleTime: 30_000,
  });
