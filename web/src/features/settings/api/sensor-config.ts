/** GET|PUT /csapi/v1.1/sensors/config — what every sensor receives in its heartbeat answer. */
import { useQuery } from '@tanstack/react-query';
import { type ApiRequest, apiFetch } from '../../../lib/api-client';
import { apiQueryOptions } from '../../../lib/api-query';
import { useSave } from '../../../lib/use-save';

export interface InactiveWindow {
  /** 0 = Sunday … 6 = Saturday; every day when absent. */
  days?: number[];
  start: string;
  end: string;
  timeZone: string;
}

export interface SensorConfig {
  inactiveWindows: InactiveWindow[];
  scanIntervalHours: number;
  concurrency: number;
  cpuLimitPercent: number;
  triggerTagName: string;
  logLevel: number;
}

export interface SensorSettings {
  config: SensorConfig;
  latestVersion: string | null;
}

export const sensorConfigRequest: ApiRequest = { path: '/csapi/v1.1/sensors/config' };

export const useSensorConfig = () => useQuery(apiQueryOptions<SensorSettings>(sensorConfigRequest));

export const saveSensorConfig = (body: SensorSettings) =>
  apiFetch<SensorSettings>({ ...sensorConfigRequest, method: 'PUT', body });

export const useSaveSensorConfig = () => useSave(saveSensorConfig);
