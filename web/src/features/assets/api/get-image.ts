/** GET /csapi/v1.1/images/{id} — Image details. */
import { useQuery } from '@tanstack/react-query';
import type { ApiRequest } from '../../../lib/api-client';
import { apiQueryOptions } from '../../../lib/api-query';
import type { ImageDetails } from './types';

export const imageRequest = (id: string): ApiRequest => ({ path: `/csapi/v1.1/images/${id}` });

export const useImage = (id: string) => useQuery(apiQueryOptions<ImageDetails>(imageRequest(id)));
