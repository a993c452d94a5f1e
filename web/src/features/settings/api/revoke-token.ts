/** DELETE /csapi/v1.1/tokens/{id} — revokes one of the user's tokens. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';

export const revokeToken = (id: string) =>
  apiFetch<void>({ method: 'DELETE', path: `/csapi/v1.1/tokens/${id}` });

export function useRevokeToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: revokeToken,
    onSuccess: () => client.invalidateQueries({ queryKey: ['api'] }),
  });
}
