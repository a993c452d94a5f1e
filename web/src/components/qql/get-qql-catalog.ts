/** GET /csapi/v1.1/qql/{entity}: the token catalog that drives autocomplete. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-client';

export interface CatalogEntry {
  token: string;
  aliases: string[];
  type: string;
  description: string;
  values?: string[];
  sortable: boolean;
}

export type QqlEntity =
  | 'images'
  | 'containers'
  | 'events'
  | 'sensors'
  | 'registries'
  | 'vulnerabilities'
  | 'software';

export const qqlCatalogRequest = (entity: QqlEntity) => ({ path: `/csapi/v1.1/qql/${entity}` });

export const qqlCatalogOptions = (entity: QqlEntity) =>
  queryOptions({
    queryKey: ['qql-catalog', entity],
    queryFn: ({ signal }) => apiFetch<CatalogEntry[]>(qqlCatalogRequest(entity), { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const useQqlCatalog = (entity: QqlEntity) => useQuery(qqlCatalogOptions(entity));
