/**
 * /csapi/v1.1/registry/* — one registry, its repositories and scan schedules (with their
 * job state), and the writes the Registries screen makes (shapes of the reference's API).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ApiRequest, apiFetch } from '../../../lib/api-client';
import { apiQueryOptions } from '../../../lib/api-query';

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
  filters: unknown[];
  status: string;
  created: string | null;
  updated: string | null;
  lastRun: string | null;
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

/** A schedule in one of these states has a job in flight: the screen keeps polling. */
export const ACTIVE_STATES = new Set(['CREATED', 'QUEUED', 'RUNNING']);

const base = (id: string) => `/csapi/v1.1/registry/${encodeURIComponent(id)}`;
export const registryRequest = (id: string): ApiRequest => ({ path: base(id) });
export const repositoriesRequest = (id: string): ApiRequest => ({ path: `${base(id)}/repository` });
export const schedulesRequest = (id: string): ApiRequest => ({ path: `${base(id)}/schedule` });

export const useRegistry = (id: string) => useQuery(apiQueryOptions<RegistryDetails>(registryRequest(id)));
export const useRepositories = (id: string) =>
  useQuery(apiQueryOptions<Repository[]>(repositoriesRequest(id)));
export const useSchedules = (id: string) =>
  useQuery({
    ...apiQueryOptions<Schedule[]>(schedulesRequest(id)),
    refetchInterval: (q) => (q.state.data?.some((s) => ACTIVE_STATES.has(s.status)) ? 3000 : false),
  });

export const validateRegistry = (body: RegistryInput) =>
  apiFetch<{ valid: boolean; errors: string[] }>({
    method: 'POST',
    path: '/csapi/v1.1/registry/validate',
    body,
  });

function useWrite<A, R>(fn: (a: A) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['api'] });
      await client.invalidateQueries({ queryKey: ['list'] });
    },
  });
}

export const useValidateRegistry = () => useMutation({ mutationFn: validateRegistry });

export const useCreateRegistry = () =>
  useWrite((body: RegistryInput) =>
    apiFetch<{ registryUuid: string }>({ method: 'POST', path: '/csapi/v1.1/registry', body }),
  );

export const useDeleteRegistry = () =>
  useWrite((id: string) => apiFetch<unknown>({ method: 'DELETE', path: base(id) }));

export interface ScheduleInput {
  name: string;
  scheduleType: 'ON_DEMAND' | 'DAILY';
  timeOfDay?: string;
  filters?: { repo: string; tag?: string }[];
}

export const useCreateSchedule = (id: string) =>
  useWrite((body: ScheduleInput) =>
    apiFetch<{ scheduleUuid: string }>({ method: 'POST', path: `${base(id)}/schedule`, body }),
  );

export const useDeleteSchedule = (id: string) =>
  useWrite((scheduleId: string) =>
    apiFetch<unknown>({ method: 'DELETE', path: `${base(id)}/schedule/${encodeURIComponent(scheduleId)}` }),
  );
