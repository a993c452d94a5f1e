/** GET /csapi/v1.1/<entity>?filter=…&sort=…&pageSize=5 — the rows of a top-N widget. */
import { useQuery } from '@tanstack/react-query';
import type { ApiRequest, Page } from '../../../lib/api-client';
import { apiQueryOptions } from '../../../lib/api-query';
import { ENTITY_PATH, type WidgetEntity } from '../widget-model';

export const topRequest = (entity: WidgetEntity, filter: string, sort: string | undefined): ApiRequest => ({
  path: ENTITY_PATH[entity].api,
  query: { filter, sort, pageNo: 1, pageSize: 5 },
});

export const useTop = (entity: WidgetEntity, filter: string, sort: string | undefined) =>
  useQuery(apiQueryOptions<Page<Record<string, unknown>>>(topRequest(entity, filter, sort)));
