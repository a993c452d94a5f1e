/** PUT /csapi/v1.1/dashboards/{id} — saves the name and the whole widget list. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import type { Widget } from '../widget-model';
import { type Dashboard, dashboardsKey } from './get-dashboards';

export const updateDashboard = (d: { id: string; name: string; widgets: Widget[] }) =>
  apiFetch<Dashboard>({
    method: 'PUT',
    path: `/csapi/v1.1/dashboards/${d.id}`,
    body: { name: d.name, widgets: d.widgets },
  });

export function useUpdateDashboard() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: updateDashboard,
    onSuccess: () => client.invalidateQueries({ queryKey: dashboardsKey }),
  });
}
