/** GET /csapi/v1.1/sensors — one page of sensors. */
import type { ListRequestParams } from '../../../components/list-view';
import type { ApiRequest } from '../../../lib/api-client';

export const sensorsRequest = (p: ListRequestParams): ApiRequest => ({
  path: '/csapi/v1.1/sensors',
  query: { filter: p.filter, sort: p.sort, pageNo: p.pageNo, pageSize: p.pageSize },
});
