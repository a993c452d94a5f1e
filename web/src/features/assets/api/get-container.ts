/** GET /csapi/v1.1/containers/{id} — Container details. */
import { useQuery } from '@tanstack/react-query';
import type { ApiRequest } from '../../../lib/api-client';
import { apiQueryOptions } from '../../../lib/api-query';
import type { ContainerDetails } from './types';

export const containerRequest = (id: string): ApiRequest => ({ path: `/csapi/v1.1/containers/${id}` });

export const useContainer = (id: string) => useQuery(apiQueryOptions<ContainerDetails>(containerRequest(id)));
