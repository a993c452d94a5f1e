/**
 * A registry's scan jobs: "Scan now" (an on-demand schedule, for every repository or the
 * chosen one, named by its full path as the catalog lists it), daily automatic scans at a
 * UTC time, and for each schedule its newest job's state and per-image errors (polled while
 * a job is queued or running), "Run now" and delete.
 */
import { useId, useState } from 'react';
import { QueryBlock } from '../../../components/query-block';
import { type StaticColumn, StaticTable } from '../../../components/static-table';
import { formatMillis } from '../../../lib/format';
import {
  type Schedule,
  schedulesRequest,
  useCreateSchedule,
  useDeleteSchedule,
  useRunSchedule,
  useSchedules,
} from '../api/registry-api';
import { ScheduleState } from './schedule-state';

function filterText(s: Schedule): string {
  const repos =
    s.filters.length === 0
      ? 'all repositories'
      : s.filters.map((f) => f.repo + (f.digest ? `@${f.digest}` : f.tag ? `:${f.tag}` : '')).join(', ');
  const tags = s.tagFilter ? `; tags ${s.tagFilterType ?? 'glob'} ${s.tagFilter}` : '';
  const pushed = s.pushedWithinDays ? `; pushed in the last ${s.pushedWithinDays} days` : '';
  return repos + tags + pushed;
}

function columns(
  registryId: string,
  run: ReturnType<typeof useRunSchedule>,
  remove: ReturnType<typeof useDeleteSchedule>,
): StaticColumn<Schedule>[] {
  return [
    { header: 'Name', cell: (s) => s.name },
    {
      header: 'Type',
      cell: (s) =>
        s.scheduleType === 'DAILY'
          ? `daily at ${s.timeOfDay ?? '?'} ${s.timeZone}, next ${formatMillis(s.nextRun)}`
          : 'on demand',
    },
    { header: 'Repositories', cell: filterText },
    { header: 'State', cell: (s) => <ScheduleState registryId={registryId} schedule={s} /> },
    { header: 'Last run', cell: (s) => formatMillis(s.lastRun) },
    {
      header: 'Actions',
      cell: (s) => (
        <>
          <button
            type="button"
            aria-label={`Run scan job ${s.name} now`}
            disabled={run.isPending}
            onClick={() => run.mutate(s.scheduleUuid)}
          >
            Run now
          </button>{' '}
          <button
            type="button"
            className="danger"
            aria-label={`Delete scan job ${s.name}`}
            disabled={s.status === 'RUNNING'}
            onClick={() => remove.mutate(s.scheduleUuid)}
          >
            Delete
          </button>
        </>
      ),
    },
  ];
}

export function SchedulesPanel({ registryId, repos }: { registryId: string; repos: string[] }) {
  const repoId = useId();
  const schedules = useSchedules(registryId);
  const create = useCreateSchedule(registryId);
  const remove = useDeleteSchedule(registryId);
  const run = useRunSchedule(registryId);
  const [name, setName] = useState('');
  const [time, setTime] = useState('02:00');
  const [repo, setRepo] = useState('');
  const filters = repo ? [{ repo }] : [];
  return (
    <section aria-labelledby="jobs-title">
      <h2 id="jobs-title">Scan jobs</h2>
      <div className="inline-form">
        <div className="field">
          <label htmlFor={repoId}>Repositories</label>
          <select id={repoId} value={repo} onChange={(e) => setRepo(e.target.value)}>
            <option value="">All repositories</option>
            {repos.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </div>
        <button
          type="button"
          disabled={create.isPending}
          onClick={() =>
            create.mutate({
              name: `On demand ${new Date().toISOString().slice(0, 16).replace('T', ' ')}`,
              scheduleType: 'ON_DEMAND',
              filters,
            })
          }
        >
          Scan now
        </button>
      </div>
      <form
        className="inline-form"
        aria-label="New daily scan"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(
            { name, scheduleType: 'DAILY', timeOfDay: time, filters },
            { onSuccess: () => setName('') },
          );
        }}
      >
        <label>
          Daily scan name{' '}
          <input required maxLength={256} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          At (UTC) <input type="time" required value={time} onChange={(e) => setTime(e.target.value)} />
        </label>
        <button type="submit" disabled={create.isPending}>
          Add daily scan
        </button>
      </form>
      {create.error && <p role="alert">{create.error.message}</p>}
      {run.error && <p role="alert">{run.error.message}</p>}
      {remove.error && <p role="alert">{remove.error.message}</p>}
      <QueryBlock query={schedules} request={schedulesRequest(registryId)}>
        {(rows) => (
          <StaticTable
            caption="Scan jobs of this registry"
            columns={columns(registryId, run, remove)}
            rows={rows}
            rowKey={(s) => s.scheduleUuid}
            empty="No scan job yet: scan now or add a daily scan."
          />
        )}
      </QueryBlock>
    </section>
  );
}
