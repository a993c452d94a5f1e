/** DELETE /csapi/v1.1/dashboards/{id}. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { dashboardsKey } from './get-dashboards';

export const deleteDashboard = (id: string) =>
  apiFetch<void>({ method: 'DELETE', path: `/csapi/v1.1/dashboards/${id}` });

export function useDeleteDashboard() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: deleteDashboard,
    onSuccess: () => client.invalidateQueries({ queryKey: dashboardsKey }),
  });
}
