/**
 * /csapi/v1.1/registry/* — one registry, its repositories and scan schedules (with their
 * job state), and the writes the Registries screen makes (shapes of the reference's API).
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { type ApiRequest, apiFetch } from '../../../lib/api-client';
import { apiQueryOptions } from '../../../lib/api-query';
import { useSave } from '../../../lib/use-save';

export const REGISTRY_TYPES = [
  ['V2', 'Docker V2'],
  ['V2-Private', 'Docker V2 (private)'],
  ['DockerHub', 'Docker Hub'],
  ['AWS', 'AWS ECR'],
] as const;

export const CREDENTIAL_TYPES = ['None', 'BasicAuth', 'Token', 'DockerHub', 'AWS'] as const;

export type RegistryType = (typeof REGISTRY_TYPES)[number][0];
export type CredentialType = (typeof CREDENTIAL_TYPES)[number];

export interface RegistryInput {
  registryUri: string;
  registryType: RegistryType;
  credentialType: CredentialType;
  username?: string;
  password?: string;
  token?: string;
  dockerHubOrgName?: string;
  aws?: { accountId: string; arn: string; region: string };
}

export interface Schedule {
  scheduleUuid: string;
  registryUuid: string;
  name: string;
  scheduleType: string;
  timeOfDay: string | null;
  /** IANA zone of timeOfDay (UTC unless set through the API). */
  timeZone: string;
  /** Full repository paths (team/app), optionally one tag or digest each. */
  filters: { repo: string; tag?: string; digest?: string }[];
  tagFilter: string | null;
  tagFilterType: string | null;
  pushedWithinDays: number | null;
  status: string;
  created: string | null;
  updated: string | null;
  lastRun: string | null;
  nextRun: string | null;
}

/** One image of a scan job: scanned, or failed with the registry's or scanner's reason. */
export interface ScanJobImage {
  repository: string;
  tag: string | null;
  digest: string | null;
  imageId: string | null;
  status: 'scanned' | 'failed' | string;
  error: string | null;
}

/** A run of a schedule: Queued → Running → Completed | Failed. */
export interface ScanJob {
  jobUuid: string;
  state: 'Queued' | 'Running' | 'Completed' | 'Failed' | string;
  error: string | null;
  created: string | null;
  started: string | null;
  finished: string | null;
  /** Null while the server is still listing the images. */
  imagesTotal: number | null;
  imagesScanned: number;
  imagesFailed: number;
  images: ScanJobImage[];
}

export interface RegistryDetails {
  registryUuid: string;
  registryUri: string;
  registryType: string;
  credentialType: string;
  username: string | null;
  dockerHubOrgName: string | null;
  aws: { accountId: string; arn: string | null; region: string | null } | null;
  created: string | null;
  updated: string | null;
  lastScanned: string | null;
  repositoriesCount: number;
  schedules: Schedule[];
}

export interface Repository {
  repoName: string;
  tagsCount: number;
  lastScanned: string | null;
}

/** A schedule (or job) in one of these states has a job in flight: the screen keeps polling. */
export const ACTIVE_STATES = new Set(['CREATED', 'QUEUED', 'RUNNING', 'Queued', 'Running']);

const base = (id: string) => `/csapi/v1.1/registry/${encodeURIComponent(id)}`;
export const registryRequest = (id: string): ApiRequest => ({ path: base(id) });
export const repositoriesRequest = (id: string): ApiRequest => ({ path: `${base(id)}/repository` });
export const schedulesRequest = (id: string): ApiRequest => ({ path: `${base(id)}/schedule` });
const schedulePath = (id: string, scheduleId: string) =>
  `${base(id)}/schedule/${encodeURIComponent(scheduleId)}`;
export const scheduleJobsRequest = (id: string, scheduleId: string): ApiRequest => ({
  path: `${schedulePath(id, scheduleId)}/jobs`,
});

export const useRegistry = (id: string) => useQuery(apiQueryOptions<RegistryDetails>(registryRequest(id)));
export const useRepositories = (id: string) =>
  useQuery(apiQueryOptions<Repository[]>(repositoriesRequest(id)));
export const useSchedules = (id: string) =>
  useQuery({
    ...apiQueryOptions<Schedule[]>(schedulesRequest(id)),
    refetchInterval: (q) => (q.state.data?.some((s) => ACTIVE_STATES.has(s.status)) ? 3000 : false),
  });
/** The schedule's jobs, newest first, polled while the newest is queued or running. */
export const useScheduleJobs = (id: string, scheduleId: string) =>
  useQuery({
    ...apiQueryOptions<ScanJob[]>(scheduleJobsRequest(id, scheduleId)),
    refetchInterval: (q) => (ACTIVE_STATES.has(q.state.data?.[0]?.state ?? '') ? 3000 : false),
  });

export const validateRegistry = (body: RegistryInput) =>
  apiFetch<{ valid: boolean; errors: string[] }>({
    method: 'POST',
    path: '/csapi/v1.1/registry/validate',
    body,
  });

export const useValidateRegistry = () => useMutation({ mutationFn: validateRegistry });

export const useCreateRegistry = () =>
  useSave((body: RegistryInput) =>
    apiFetch<{ registryUuid: string }>({ method: 'POST', path: '/csapi/v1.1/registry', body }),
  );

/** Lists the registry's catalog and tags now (409 with the registry's reason when it cannot). */
export const useSyncRepositories = () =>
  useSave((id: string) => apiFetch<Repository[]>({ method: 'POST', path: `${base(id)}/repository/sync` }));

export const useDeleteRegistry = () =>
  useSave((id: string) => apiFetch<unknown>({ method: 'DELETE', path: base(id) }));

export interface ScheduleInput {
  name: string;
  scheduleType: 'ON_DEMAND' | 'DAILY';
  timeOfDay?: string;
  filters?: { repo: string; tag?: string }[];
}

export const useCreateSchedule = (id: string) =>
  useSave((body: ScheduleInput) =>
    apiFetch<{ scheduleUuid: string }>({ method: 'POST', path: `${base(id)}/schedule`, body }),
  );

export const useDeleteSchedule = (id: string) =>
  useSave((scheduleId: string) =>
    apiFetch<unknown>({ method: 'DELETE', path: schedulePath(id, scheduleId) }),
  );

/** Runs a schedule now; the server answers 409 while one of its jobs is queued or running. */
export const useRunSchedule = (id: string) =>
  useSave((scheduleId: string) =>
    apiFetch<{ scheduleUuid: string; jobUuid?: string }>({
      method: 'POST',
      path: `${schedulePath(id, scheduleId)}/run`,
    }),
  );
