/** POST /csapi/v1.1/dashboards — a new, empty (or given) dashboard. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import type { Widget } from '../widget-model';
import { type Dashboard, dashboardsKey } from './get-dashboards';

export const createDashboard = (body: { name: string; widgets: Widget[] }) =>
  apiFetch<Dashboard>({ method: 'POST', path: '/csapi/v1.1/dashboards', body });

export function useCreateDashboard() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: createDashboard,
    onSuccess: () => client.invalidateQueries({ queryKey: dashboardsKey }),
  });
}
