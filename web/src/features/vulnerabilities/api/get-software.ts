/** GET /csapi/v1.1/software — package versions in the inventory, with the assets holding each. */
import type { ListRequestParams } from '../../../components/list-view';
import type { ApiRequest } from '../../../lib/api-client';

export const softwareRequest = (p: ListRequestParams): ApiRequest => ({
  path: '/csapi/v1.1/software',
  query: { filter: p.filter, sort: p.sort, pageNo: p.pageNo, pageSize: p.pageSize },
});
