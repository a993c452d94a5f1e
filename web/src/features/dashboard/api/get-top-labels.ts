/** GET /csapi/v1.1/labels/top?entity=… — the label key=value pairs the most assets carry. */
import { useQuery } from '@tanstack/react-query';
import type { ApiRequest } from '../../../lib/api-client';
import { apiQueryOptions } from '../../../lib/api-query';

export interface LabelCount {
  key: string;
  value: string;
  count: number;
}

export const topLabelsRequest = (entity: 'images' | 'containers', limit = 8): ApiRequest => ({
  path: '/csapi/v1.1/labels/top',
  query: { entity, limit },
});

export const useTopLabels = (entity: 'images' | 'containers') =>
  useQuery({ ...apiQueryOptions<LabelCount[]>(topLabelsRequest(entity)), staleTime: 30_000 });
