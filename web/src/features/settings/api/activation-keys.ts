/** /csapi/v1.1/settings/activation-keys — sensor activation keys and the CustomerId (ADMIN only). */
import { useQuery } from '@tanstack/react-query';
import { type ApiRequest, apiFetch } from '../../../lib/api-client';
import { apiQueryOptions } from '../../../lib/api-query';
import { useSave } from '../../../lib/use-save';

export interface ActivationKey {
  id: string;
  name: string;
  created: number;
  revokedAt: number | null;
}

export const activationKeysRequest: ApiRequest = { path: '/csapi/v1.1/settings/activation-keys' };

export const useActivationKeys = () =>
  useQuery(apiQueryOptions<{ customerId: string; keys: ActivationKey[] }>(activationKeysRequest));

export const useCreateActivationKey = () =>
  useSave((name: string) =>
    apiFetch<{ id: string }>({ ...activationKeysRequest, method: 'POST', body: { name } }),
  );

export const useRevokeActivationKey = () =>
  useSave((id: string) => apiFetch<void>({ method: 'DELETE', path: `${activationKeysRequest.path}/${id}` }));
