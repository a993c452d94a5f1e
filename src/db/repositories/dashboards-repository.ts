/**
 * Custom dashboards of the web console, stored per customer. The widget list is kept as
 * one JSON document: the route validates its shape, the repository only stores it.
 */
import { randomUUID } from 'node:crypto';
import { BulwarkError } from '../../core/errors.js';
import type { TenantScope } from '../tenant.js';

export interface DashboardRecord {
  id: string;
  name: string;
  widgets: unknown[];
  created: number;
  updated: number;
}

function toRecord(row: {
  id: string;
  name: string;
  widgets: string;
  created_at: number;
  updated_at: number;
}): DashboardRecord {
  let widgets: unknown[] = [];
  try {
    const parsed: unknown = JSON.parse(row.widgets);
    if (Array.isArray(parsed)) widgets = parsed;
  } catch {
    // A damaged document shows an empty dashboard instead of failing the whole list.
  }
  return { id: row.id, name: row.name, widgets, created: row.created_at, updated: row.updated_at };
}

export async function listDashboards(scope: TenantScope): Promise<DashboardRecord[]> {
  const rows = await scope.selectFrom('console_dashboards').selectAll().orderBy('created_at').execute();
  return rows.map(toRecord);
}

export async function getDashboard(scope: TenantScope, id: string): Promise<DashboardRecord> {
  const row = await scope
    .selectFrom('console_dashboards')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new BulwarkError('NOT_FOUND', `no dashboard ${id}`);
  return toRecord(row);
}

export async function createDashboard(
  scope: TenantScope,
  input: { name: string; widgets: unknown[] },
  now = Date.now(),
): Promise<DashboardRecord> {
  const id = randomUUID();
  await scope.insert('console_dashboards', [
    { id, name: input.name, widgets: JSON.stringify(input.widgets), created_at: now, updated_at: now },
  ]);
  return getDashboard(scope, id);
}

export async function updateDashboard(
  scope: TenantScope,
  id: string,
  input: { name: string; widgets: unknown[] },
  now = Date.now(),
): Promise<DashboardRecord> {
  const res = await scope
    .updateTable('console_dashboards')
    .set({ name: input.name, widgets: JSON.stringify(input.widgets), updated_at: now })
    .where('id', '=', id)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw new BulwarkError('NOT_FOUND', `no dashboard ${id}`);
  return getDashboard(scope, id);
}

export async function deleteDashboard(scope: TenantScope, id: string): Promise<void> {
  const res = await scope.deleteFrom('console_dashboards').where('id', '=', id).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw new BulwarkError('NOT_FOUND', `no dashboard ${id}`);
}
