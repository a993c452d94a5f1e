/**
 * The two inventory-wide views beyond the reference: every vulnerability with the number of
 * images and containers it affects, and every package version with the assets holding it.
 */
import { sql } from 'kysely';
import type { TenantScope } from '../tenant.js';
import { countRows, type ListQuery, msString, type Page, pageOf } from './list-query.js';

export const VULNERABILITY_SORT: Record<string, string> = {
  severity: 'vulnerabilities.severity',
  qid: 'vulnerabilities.qid',
  cvssScore: 'vulnerabilities.cvss_score',
  published: 'vulnerabilities.published',
};

export async function listVulnerabilities(scope: TenantScope, q: ListQuery<'vulnerabilities'>) {
  // Only vulnerabilities with an open finding of this customer: the inventory, not the
  // advisory db. A correlated EXISTS, one seek per vulnerability in the partial open-findings
  // index: an `IN` list would gather the vulnerability of every open finding (millions).
  const open = scope
    .selectFrom('findings')
    .select(sql<number>`1`.as('one'))
    .where('findings.closed_at', 'is', null)
    .where(sql<boolean>`${sql.ref('findings.vulnerability_id')} = ${sql.ref('vulnerabilities.id')}`);
  let rows = scope.db
    .selectFrom('vulnerabilities')
    .selectAll('vulnerabilities')
    .where((eb) => eb.exists(open));
  if (q.filter) rows = rows.where(q.filter);
  // Both inventory-wide views count over millions of findings or packages: capped always.
  const [data, total] = await Promise.all([
    pageOf(rows, q, VULNERABILITY_SORT, 'vulnerabilities.id').execute(),
    countRows(scope.db, rows, false),
  ]);
  const ids = data.map((d) => d.id);
  const counts =
    ids.length === 0
      ? []
      : await scope
          .selectFrom('findings')
          .select([
            'vulnerability_id',
            'asset_type',
            sql<number>`count(distinct findings.asset_uuid)`.as('n'),
            sql<number>`min(findings.first_found)`.as('first_found'),
            sql<number>`max(findings.last_found)`.as('last_found'),
          ])
          .where('vulnerability_id', 'in', ids)
          .where('closed_at', 'is', null)
          .groupBy(['vulnerability_id', 'asset_type'])
          .execute();
  const page: Page<ReturnType<typeof toView>> = { data: data.map(toView), ...total };
  function toView(v: (typeof data)[number]) {
    const mine = counts.filter((c) => c.vulnerability_id === v.id);
    const of = (t: string) => Number(mine.find((c) => c.asset_type === t)?.n ?? 0);
    const first = mine.map((c) => Number(c.first_found));
    const last = mine.map((c) => Number(c.last_found));
    return {
      qid: v.qid,
      id: v.id,
      cve: v.cve,
      aliases: JSON.parse(v.aliases_json) as string[],
      title: v.title,
      severity: v.severity,
      cvssScore: v.cvss_score,
      published: msString(v.published),
      imagesCount: of('IMAGE'),
      containersCount: of('CONTAINER'),
      firstFound: first.length > 0 ? msString(Math.min(...first)) : null,
      lastFound: last.length > 0 ? msString(Math.max(...last)) : null,
    };
  }
  return page;
}

export const SOFTWARE_SORT: Record<string, string> = { name: 'software.name', version: 'software.version' };

/** Grouped by (name, version, ecosystem); at most 100 asset UUIDs listed per group. */
export async function listSoftware(scope: TenantScope, q: ListQuery<'software'>) {
  let groups = scope
    .selectFrom('software')
    .select([
      'software.name',
      'software.version',
      'software.ecosystem',
      sql<number>`count(distinct case when software.asset_type = 'IMAGE' then software.asset_uuid end)`.as(
        'images',
      ),
      sql<number>`count(distinct case when software.asset_type = 'CONTAINER' then software.asset_uuid end)`.as(
        'containers',
      ),
    ])
    .groupBy(['software.name', 'software.version', 'software.ecosystem']);
  if (q.filter) groups = groups.where(q.filter);
  const sorted = (q.sort ?? []).filter((s) => SOFTWARE_SORT[s.key]);
  let ordered = groups;
  for (const s of sorted) ordered = ordered.orderBy(sql.ref(SOFTWARE_SORT[s.key]!), s.direction);
  const data = await ordered
    .orderBy('software.name')
    .orderBy('software.version')
    .orderBy('software.ecosystem')
    .limit(q.pageSize)
    .offset((q.pageNo - 1) * q.pageSize)
    .execute();
  const total = await countRows(scope.db, groups, false);
  const assets = await Promise.all(
    data.map((g) => {
      let a = scope
        .selectFrom('software')
        .select(['asset_type', 'asset_uuid'])
        .distinct()
        .where('name', '=', g.name)
        .where('version', '=', g.version);
      a = g.ecosystem === null ? a.where('ecosystem', 'is', null) : a.where('ecosystem', '=', g.ecosystem);
      return a.orderBy('asset_uuid').limit(100).execute();
    }),
  );
  return {
    data: data.map((g, i) => ({
      name: g.name,
      version: g.version,
      ecosystem: g.ecosystem,
      imagesCount: Number(g.images),
      containersCount: Number(g.containers),
      imageUuids: assets[i]!.filter((a) => a.asset_type === 'IMAGE').map((a) => a.asset_uuid),
      containerUuids: assets[i]!.filter((a) => a.asset_type === 'CONTAINER').map((a) => a.asset_uuid),
    })),
    ...total,
  };
}
