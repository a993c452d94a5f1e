/** GET /csapi/v1.1/containers/{id}/software — Software of a container. */
import { useQuery } from '@tanstack/react-query';
import type { ApiRequest } from '../../../lib/api-client';
import { apiQueryOptions } from '../../../lib/api-query';
import type { AssetSoftware } from './types';

export const containerSoftwareRequest = (id: string): ApiRequest => ({
  path: `/csapi/v1.1/containers/${id}/software`,
});

export const useContainerSoftware = (id: string) =>
  useQuery(apiQueryOptions<AssetSoftware[]>(containerSoftwareRequest(id)));
