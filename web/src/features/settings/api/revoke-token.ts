/** DELETE /csapi/v1.1/tokens/{id} — revokes one of the user's tokens. */
import { apiFetch } from '../../../lib/api-client';
import { useSave } from '../../../lib/use-save';

export const revokeToken = (id: string) =>
  apiFetch<void>({ method: 'DELETE', path: `/csapi/v1.1/tokens/${id}` });

export const useRevokeToken = () => useSave(revokeToken);
