/** GET /csapi/v1.1/images/{id}/software — Software of an image. */
import { useQuery } from '@tanstack/react-query';
import type { ApiRequest } from '../../../lib/api-client';
import { apiQueryOptions } from '../../../lib/api-query';
import type { AssetSoftware } from './types';

export const imageSoftwareRequest = (id: string): ApiRequest => ({
  path: `/csapi/v1.1/images/${id}/software`,
});

export const useImageSoftware = (id: string) =>
  useQuery(apiQueryOptions<AssetSoftware[]>(imageSoftwareRequest(id)));
