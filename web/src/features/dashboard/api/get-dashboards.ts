/** GET /csapi/v1.1/dashboards — the customer's custom dashboards. */
import { useQuery } from '@tanstack/react-query';
import type { ApiRequest } from '../../../lib/api-client';
import { apiQueryOptions } from '../../../lib/api-query';
import type { Widget } from '../widget-model';

export interface Dashboard {
  id: string;
  name: string;
  widgets: Widget[];
  created: number;
  updated: number;
}

export const dashboardsRequest: ApiRequest = { path: '/csapi/v1.1/dashboards' };
export const dashboardsKey = ['api', dashboardsRequest];

export const useDashboards = () => useQuery(apiQueryOptions<Dashboard[]>(dashboardsRequest));
