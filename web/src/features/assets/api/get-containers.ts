/** GET /csapi/v1.1/containers — one page, filtered and sorted by the server. */
import type { ListRequestParams } from '../../../components/list-view';
import type { ApiRequest } from '../../../lib/api-client';

export const containersRequest = (p: ListRequestParams): ApiRequest => ({
  path: '/csapi/v1.1/containers',
  query: { filter: p.filter, sort: p.sort, pageNo: p.pageNo, pageSize: p.pageSize },
});
