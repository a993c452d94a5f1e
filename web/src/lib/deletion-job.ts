/**
 * Deletes run as server jobs: start one with the given request, then follow
 * GET /deletionJobs/{id} until it completes or fails, so the caller can refresh and show
 * what the server refused (e.g. an image with active containers) and why.
 */
import { type ApiRequest, apiFetch } from './api-client';

export interface DeletionJob {
  state: string;
  deletedCount: number;
  skipped: { uuid: string; reason: string }[];
  error: string | null;
}

export async function runDeletion(request: ApiRequest): Promise<DeletionJob> {
  const { deletionJobId } = await apiFetch<{ deletionJobId: string }>(request);
  for (let i = 0; i < 50; i++) {
    const job = await apiFetch<DeletionJob>({ path: `/csapi/v1.1/deletionJobs/${deletionJobId}` });
    if (job.state === 'COMPLETED' || job.state === 'FAILED') return job;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the deletion job is still running; refresh later');
}
