/** GET /csapi/v1.1/images/{id}/association — Containers and hosts of an image. */
import { useQuery } from '@tanstack/react-query';
import type { ApiRequest } from '../../../lib/api-client';
import { apiQueryOptions } from '../../../lib/api-query';
import type { Association } from './types';

export const imageAssociationRequest = (id: string): ApiRequest => ({
  path: `/csapi/v1.1/images/${id}/association`,
});

export const useImageAssociation = (id: string) =>
  useQuery(apiQueryOptions<Association>(imageAssociationRequest(id)));
