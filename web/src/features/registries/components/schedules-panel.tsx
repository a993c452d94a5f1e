/**
 * A registry's scan jobs: "Scan now" (an on-demand schedule, for every repository or the
 * chosen ones), daily automatic scans at a UTC time, and each schedule's job state, polled
 * while a job is queued or running.
 */
import { useId, useState } from 'react';
import { QueryBlock } from '../../../components/query-block';
import { Empty } from '../../../components/states';
import { formatMillis } from '../../../lib/format';
import {
  ACTIVE_STATES,
  type Schedule,
  schedulesRequest,
  useCreateSchedule,
  useDeleteSchedule,
  useSchedules,
} from '../api/registry-api';

function stateClass(status: string): string {
  if (status === 'COMPLETED') return 'ok';
  if (status === 'FAILED' || status === 'CANCELLED') return 'bad';
  return ACTIVE_STATES.has(status) ? 'busy' : '';
}

function filterText(s: Schedule): string {
  if (s.filters.length === 0) return 'all repositories';
  return s.filters
    .map((f) => {
      const o = (f ?? {}) as { repo?: unknown; tag?: unknown };
      return `${String(o.repo ?? '?')}${o.tag ? `:${String(o.tag)}` : ''}`;
    })
    .join(', ');
}

export function SchedulesPanel({ registryId, repos }: { registryId: string; repos: string[] }) {
  const repoId = useId();
  const schedules = useSchedules(registryId);
  const create = useCreateSchedule(registryId);
  const remove = useDeleteSchedule(registryId);
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
      {remove.error && <p role="alert">{remove.error.message}</p>}
      <QueryBlock query={schedules} request={schedulesRequest(registryId)}>
        {(rows) =>
          rows.length === 0 ? (
            <Empty>No scan job yet: scan now or add a daily scan.</Empty>
          ) : (
            <table>
              <caption className="sr-only">Scan jobs of this registry</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Type</th>
                  <th scope="col">Repositories</th>
                  <th scope="col">State</th>
                  <th scope="col">Last run</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((s) => (
                  <tr key={s.scheduleUuid}>
                    <td data-label="Name">{s.name}</td>
                    <td data-label="Type">
                      {s.scheduleType === 'DAILY' ? `daily at ${s.timeOfDay ?? '?'} UTC` : 'on demand'}
                    </td>
                    <td data-label="Repositories">{filterText(s)}</td>
                    <td data-label="State">
                      <span className={`status-pill ${stateClass(s.status)}`}>{s.status}</span>
                    </td>
                    <td data-label="Last run">{formatMillis(s.lastRun)}</td>
                    <td data-label="Actions">
                      <button
                        type="button"
                        className="danger"
                        aria-label={`Delete scan job ${s.name}`}
                        disabled={s.status === 'RUNNING'}
                        onClick={() => remove.mutate(s.scheduleUuid)}
                      >
                        Delete
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryBlock>
    </section>
  );
}
