/** GET /csapi/v1.1/images/{id}/vuln — Vulnerabilities of an image. */
import { useQuery } from '@tanstack/react-query';
import type { ApiRequest } from '../../../lib/api-client';
import { apiQueryOptions } from '../../../lib/api-query';
import type { AssetVulnerability } from './types';

export const imageVulnsRequest = (id: string): ApiRequest => ({ path: `/csapi/v1.1/images/${id}/vuln` });

export const useImageVulns = (id: string) =>
  useQuery(apiQueryOptions<AssetVulnerability[]>(imageVulnsRequest(id)));
