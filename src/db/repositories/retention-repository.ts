/**
 * Data-retention rules of a customer (the reference's "data retention" settings): what is
 * purged after how many days, 1 day to 1 year. No rule: kept forever.
 */
import { BulwarkError } from '../../core/errors.js';
import type { TenantScope } from '../tenant.js';

export const RETENTION_RULES = {
  /** Containers STOPPED or DELETED for longer than N days (since their last state change). */
  'stopped-containers': 'containers stopped or deleted for more than N days',
  /** Images no container uses, not seen or scanned for N days. */
  'images-without-containers': 'images without containers, not updated for N days',
  /** Sensors in UNKNOWN state (silent) for N days. */
  'unknown-sensors': 'UNKNOWN sensors silent for more than N days',
  /** Events older than N days. */
  events: 'events older than N days',
} as const;

export type RetentionRule = keyof typeof RETENTION_RULES;

export function isRetentionRule(value: string): value is RetentionRule {
  return Object.hasOwn(RETENTION_RULES, value);
}

export async function setRetention(scope: TenantScope, rule: string, days: number | null): Promise<void> {
  if (!isRetentionRule(rule)) {
    throw new BulwarkError(
      'BAD_REQUEST',
      `unknown retention rule "${rule}" (one of ${Object.keys(RETENTION_RULES).join(', ')})`,
    );
  }
  await scope.deleteFrom('retention_rules').where('rule', '=', rule).execute();
  if (days === null) return;
  if (!Number.isInteger(days) || days < 1 || days > 365) {
    throw new BulwarkError('BAD_REQUEST', `retention for ${rule} must be 1 to 365 days (got ${days})`);
  }
  await scope.insert('retention_rules', [{ rule, days }]);
}

export async function retentionRules(scope: TenantScope): Promise<Partial<Record<RetentionRule, number>>> {
  const rows = await scope.selectFrom('retention_rules').select(['rule', 'days']).execute();
  const out: Partial<Record<RetentionRule, number>> = {};
  for (const r of rows) if (isRetentionRule(r.rule)) out[r.rule] = Number(r.days);
  return out;
}
