/** DELETE /csapi/v1.1/sensors {sensorIds} — a deletion job; only UNKNOWN sensors go. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiRequest } from '../../../lib/api-client';
import { runDeletion } from '../../../lib/deletion-job';

export const deleteSensorsRequest = (ids: string[]): ApiRequest => ({
  method: 'DELETE',
  path: '/csapi/v1.1/sensors',
  body: { sensorIds: ids },
});

export function useDeleteSensors() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) => runDeletion(deleteSensorsRequest(ids)),
    onSettled: () => client.invalidateQueries({ queryKey: ['list'] }),
  });
}
