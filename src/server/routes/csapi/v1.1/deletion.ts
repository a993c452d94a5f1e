/**
 * Shared by DELETE images/containers/sensors: resolve the body (UUIDs or a QQL filter) to the
 * caller's rows, refuse what a rule forbids, store a deletion job and run it in the
 * background. Explicit UUIDs that are unknown or refused make the whole request fail (4xx,
 * nothing stored); with a filter, refused rows are skipped and listed in the job.
 */
import { BulwarkError } from '../../../../core/errors.js';
import {
  createDeletionJob,
  type DeletionResource,
  runDeletionJob,
} from '../../../../db/repositories/deletion-jobs-repository.js';
import type { TenantScope } from '../../../../db/tenant.js';
import type { RouteDeps } from '../../../app.js';

export interface DeletionPlan {
  /** UUIDs the request resolved to (all the customer's). */
  found: string[];
  /** Of those, the ones a rule forbids deleting, with why. */
  refused: Map<string, string>;
}

export async function startDeletion(
  deps: RouteDeps,
  scope: TenantScope,
  resource: DeletionResource,
  requested: string[] | undefined,
  plan: DeletionPlan,
): Promise<string> {
  if (requested) {
    const missing = requested.filter((u) => !plan.found.includes(u));
    if (missing.length > 0) throw new BulwarkError('NOT_FOUND', `no ${resource} ${missing.join(', ')}`);
    if (plan.refused.size > 0) {
      const why = [...plan.refused].map(([u, reason]) => `${u}: ${reason}`).join('; ');
      throw new BulwarkError('CONFLICT', `cannot delete ${resource}(s): ${why}`);
    }
  }
  const targets = plan.found.filter((u) => !plan.refused.has(u));
  const skipped = [...plan.refused].map(([uuid, reason]) => ({ uuid, reason }));
  const jobId = await createDeletionJob(scope, resource, targets, skipped);
  deps.background.run(() => runDeletionJob(scope, jobId));
  return jobId;
}

export function requireTarget(
  body: { filter?: string | undefined },
  ids: string[] | undefined,
  key: string,
): void {
  if (!ids && !body.filter) throw new BulwarkError('BAD_REQUEST', `the body needs "${key}" or "filter"`);
  if (ids && body.filter) throw new BulwarkError('BAD_REQUEST', `give "${key}" or "filter", not both`);
}
