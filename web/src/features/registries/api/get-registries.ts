/** GET /csapi/v1.1/registry — one page of registries. */
import type { ListRequestParams } from '../../../components/list-view';
import type { ApiRequest } from '../../../lib/api-client';

export const registriesRequest = (p: ListRequestParams): ApiRequest => ({
  path: '/csapi/v1.1/registry',
  query: { filter: p.filter, sort: p.sort, pageNo: p.pageNo, pageSize: p.pageSize },
});
