/**
 * Above an inventory-wide vulnerability list: how many images and containers the server
 * could not check (`scanError:*`). Their vulnerabilities are unknown, so a short or empty
 * list is not a clean inventory; each number opens the list of those assets with the reason.
 */
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Page } from '../lib/api-client';
import { apiQueryOptions } from '../lib/api-query';

const FILTER = 'scanError:*';
const KINDS = ['images', 'containers'] as const;

function useUnchecked(kind: (typeof KINDS)[number]) {
  return useQuery(
    apiQueryOptions<Page<unknown>>({
      path: `/csapi/v1.1/${kind}`,
      query: { filter: FILTER, pageNo: 1, pageSize: 1 },
    }),
  );
}

export function UncheckedNotice() {
  const counts = [useUnchecked('images'), useUnchecked('containers')];
  const parts = KINDS.flatMap((kind, i) => {
    const n = counts[i]?.data?.count ?? 0;
    return n > 0
      ? [
          <Link key={kind} to={`/assets/${kind}?filter=${encodeURIComponent(FILTER)}`}>
            {n.toLocaleString('en')} {n === 1 ? kind.slice(0, -1) : kind}
          </Link>,
        ]
      : [];
  });
  const failed = counts.find((q) => q.error);
  if (failed)
    return (
      <p className="notice" role="status" data-testid="unchecked-notice">
        Could not learn which assets are unchecked ({failed.error?.message}): this list may be incomplete.
      </p>
    );
  if (parts.length === 0) return null;
  return (
    <p className="notice" role="status" data-testid="unchecked-notice">
      {parts.length === 2 ? [parts[0], ' and ', parts[1]] : parts} could not be checked: their vulnerabilities
      are unknown and not in this list.
    </p>
  );
}
