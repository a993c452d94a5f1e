/** POST /csapi/v1.1/tokens — a new API token; its secret is in this answer only. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';

export const createToken = (body: { name: string; expiresInDays?: number }) =>
  apiFetch<{ id: string; token: string }>({ method: 'POST', path: '/csapi/v1.1/tokens', body });

export function useCreateToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: createToken,
    onSuccess: () => client.invalidateQueries({ queryKey: ['api'] }),
  });
}
