/** GET /csapi/v1.1/vulnerabilities — vulnerabilities in the inventory, with how many images and containers each affects. */
import type { ListRequestParams } from '../../../components/list-view';
import type { ApiRequest } from '../../../lib/api-client';

export const vulnerabilitiesRequest = (p: ListRequestParams): ApiRequest => ({
  path: '/csapi/v1.1/vulnerabilities',
  query: { filter: p.filter, sort: p.sort, pageNo: p.pageNo, pageSize: p.pageSize },
});
