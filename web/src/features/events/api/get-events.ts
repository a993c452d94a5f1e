/** GET /csapi/v1.1/events — one page of events. */
import type { ListRequestParams } from '../../../components/list-view';
import type { ApiRequest } from '../../../lib/api-client';

export const eventsRequest = (p: ListRequestParams): ApiRequest => ({
  path: '/csapi/v1.1/events',
  query: { filter: p.filter, sort: p.sort, pageNo: p.pageNo, pageSize: p.pageSize },
});
