/**
 * The state of a schedule as its newest scan job tells it: Queued / Running / Completed /
 * Failed, how many images were scanned out of how many, and every image that failed with
 * the reason. A job that completed with failed images is not shown as a clean success.
 */
import { EquivalentRequest } from '../../../components/equivalent-request';
import {
  ACTIVE_STATES,
  type ScanJob,
  type Schedule,
  scheduleJobsRequest,
  useScheduleJobs,
} from '../api/registry-api';

function pillClass(job: ScanJob): string {
  if (ACTIVE_STATES.has(job.state)) return 'busy';
  return job.state === 'Completed' && job.imagesFailed === 0 && !job.error ? 'ok' : 'bad';
}

function progress(job: ScanJob): string {
  if (job.imagesTotal === null) return 'listing images…';
  const failed = job.imagesFailed > 0 ? `, ${job.imagesFailed} failed` : '';
  return `${job.imagesScanned} of ${job.imagesTotal} scanned${failed}`;
}

const imageRef = (i: ScanJob['images'][number]) =>
  i.digest ? `${i.repository}@${i.digest}` : `${i.repository}:${i.tag ?? 'latest'}`;

export function ScheduleState({ registryId, schedule }: { registryId: string; schedule: Schedule }) {
  const jobs = useScheduleJobs(registryId, schedule.scheduleUuid);
  const job = jobs.data?.[0];
  const failed = job?.images.filter((i) => i.status === 'failed') ?? [];
  return (
    <div className="schedule-state" data-testid="schedule-state">
      {jobs.error ? (
        <span role="alert">Jobs not loaded: {jobs.error.message}</span>
      ) : !jobs.data ? (
        <span className="muted">…</span>
      ) : !job ? (
        <>
          <span className="status-pill">{schedule.status}</span> <span className="muted">never run</span>
        </>
      ) : (
        <>
          <span className={`status-pill ${pillClass(job)}`}>{job.state}</span> {progress(job)}
          {job.error && <p role="alert">{job.error}</p>}
          {failed.length > 0 && (
            <ul className="job-failures" aria-label="Images that failed">
              {failed.map((i) => (
                <li key={imageRef(i)}>
                  <span className="mono">{imageRef(i)}</span>: {i.error ?? 'no reason given'}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <EquivalentRequest request={scheduleJobsRequest(registryId, schedule.scheduleUuid)} />
    </div>
  );
}
