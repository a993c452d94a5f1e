/**
 * DELETE /csapi/v1.1/sensors {sensorIds} — starts a deletion job (only UNKNOWN sensors go),
 * then follows GET /deletionJobs/{id} until it finishes, so the list can refresh afterwards.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ApiRequest, apiFetch } from '../../../lib/api-client';

interface DeletionJob {
  state: string;
  skipped: { uuid: string; reason: string }[];
  error: string | null;
}

export const deleteSensorsRequest = (ids: string[]): ApiRequest => ({
  method: 'DELETE',
  path: '/csapi/v1.1/sensors',
  body: { sensorIds: ids },
});

async function deleteSensors(ids: string[]): Promise<DeletionJob> {
  const { deletionJobId } = await apiFetch<{ deletionJobId: string }>(deleteSensorsRequest(ids));
  for (let i = 0; i < 50; i++) {
    const job = await apiFetch<DeletionJob>({ path: `/csapi/v1.1/deletionJobs/${deletionJobId}` });
    if (job.state === 'COMPLETED' || job.state === 'FAILED') return job;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the deletion job is still running; refresh later');
}

export function useDeleteSensors() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: deleteSensors,
    onSettled: () => client.invalidateQueries({ queryKey: ['list'] }),
  });
}
