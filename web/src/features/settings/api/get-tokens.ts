/** GET /csapi/v1.1/tokens — the signed-in user's API tokens. */
import { useQuery } from '@tanstack/react-query';
import type { ApiRequest } from '../../../lib/api-client';
import { apiQueryOptions } from '../../../lib/api-query';

export interface ApiToken {
  id: string;
  name: string;
  created: number;
  expiresAt: number | null;
  revokedAt: number | null;
  lastUsedAt: number | null;
}

export const tokensRequest: ApiRequest = { path: '/csapi/v1.1/tokens' };

export const useTokens = () => useQuery(apiQueryOptions<ApiToken[]>(tokensRequest));
