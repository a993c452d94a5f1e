/** POST /csapi/v1.1/tokens — a new API token; its secret is in this answer only. */
import { apiFetch } from '../../../lib/api-client';
import { useSave } from '../../../lib/use-save';

export const createToken = (body: { name: string; expiresInDays?: number }) =>
  apiFetch<{ id: string; token: string }>({ method: 'POST', path: '/csapi/v1.1/tokens', body });

export const useCreateToken = () => useSave(createToken);
