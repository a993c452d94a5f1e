/** GET|PUT /csapi/v1.1/settings/retention — days after which each kind of data is purged. */
import { useQuery } from '@tanstack/react-query';
import { type ApiRequest, apiFetch } from '../../../lib/api-client';
import { apiQueryOptions } from '../../../lib/api-query';
import { useSave } from '../../../lib/use-save';

export const RETENTION_RULES = [
  ['stopped-containers', 'Containers stopped or deleted', 'since their last state change'],
  ['images-without-containers', 'Images without containers', 'not seen or scanned since'],
  ['unknown-sensors', 'Sensors in UNKNOWN status', 'silent since'],
  ['events', 'Events', 'older than'],
] as const;

export type RetentionRule = (typeof RETENTION_RULES)[number][0];
export type RetentionRules = Partial<Record<RetentionRule, number>>;

export const retentionRequest: ApiRequest = { path: '/csapi/v1.1/settings/retention' };

export const useRetention = () => useQuery(apiQueryOptions<RetentionRules>(retentionRequest));

/** 0 removes a rule (data kept). */
export const saveRetention = (body: RetentionRules) =>
  apiFetch<RetentionRules>({ ...retentionRequest, method: 'PUT', body });

export const useSaveRetention = () => useSave(saveRetention);
