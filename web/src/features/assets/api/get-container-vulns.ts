/** GET /csapi/v1.1/containers/{id}/vuln — Vulnerabilities of a container. */
import { useQuery } from '@tanstack/react-query';
import type { ApiRequest } from '../../../lib/api-client';
import { apiQueryOptions } from '../../../lib/api-query';
import type { AssetVulnerability } from './types';

export const containerVulnsRequest = (id: string): ApiRequest => ({
  path: `/csapi/v1.1/containers/${id}/vuln`,
});

export const useContainerVulns = (id: string) =>
  useQuery(apiQueryOptions<AssetVulnerability[]>(containerVulnsRequest(id)));
