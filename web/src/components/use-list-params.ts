/** List state in the URL (`?filter=&sort=&pageNo=`): shareable, survives reload, and dashboards link into it. */
import { useSearchParams } from 'react-router';
import { formatSort, parseSort, type SortState } from './data-table';

export function useListParams(defaultSort: string | null = null) {
  const [params, setParams] = useSearchParams();
  const filter = params.get('filter') ?? '';
  const sort = parseSort(params.get('sort') ?? defaultSort);
  const pageNo = Math.max(1, Number(params.get('pageNo') ?? '1') || 1);
  const update = (next: { filter?: string; sort?: SortState | null; pageNo?: number }) => {
    const p = new URLSearchParams(params);
    if (next.filter !== undefined) {
      if (next.filter) p.set('filter', next.filter);
      else p.delete('filter');
      p.delete('pageNo');
    }
    if (next.sort !== undefined) {
      const s = formatSort(next.sort);
      if (s) p.set('sort', s);
      else p.delete('sort');
      p.delete('pageNo');
    }
    if (next.pageNo !== undefined) p.set('pageNo', String(next.pageNo));
    setParams(p);
  };
  return { filter, sort, pageNo, update };
}
