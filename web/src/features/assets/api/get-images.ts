/** GET /csapi/v1.1/images — one page, filtered and sorted by the server. */

import type { ListRequestParams } from '../../../components/list-view';
import type { ApiRequest } from '../../../lib/api-client';

export const imagesRequest = (p: ListRequestParams): ApiRequest => ({
  path: '/csapi/v1.1/images',
  query: { filter: p.filter, sort: p.sort, pageNo: p.pageNo, pageSize: p.pageSize },
});
