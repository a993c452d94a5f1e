/**
 * The dashboard's "most common images and containers by label": the label key=value pairs
 * carried by the most images (or containers) of the customer, with how many carry each.
 */
import { sql } from 'kysely';
import type { TenantScope } from '../tenant.js';

export interface LabelCount {
  key: string;
  value: string;
  count: number;
}

export type LabelledEntity = 'images' | 'containers';

export async function topLabels(
  scope: TenantScope,
  entity: LabelledEntity,
  limit: number,
): Promise<LabelCount[]> {
  // An asset carries a key once (labels are a map), so counting rows counts assets.
  const count = sql<number | string>`count(*)`;
  const table = entity === 'images' ? 'image_labels' : 'container_labels';
  const rows = await scope
    .selectFrom(table)
    .select(['key', 'value', count.as('n')])
    .groupBy(['key', 'value'])
    .orderBy(count, 'desc')
    .orderBy('key')
    .orderBy('value')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ key: r.key, value: r.value, count: Number(r.n) }));
}
