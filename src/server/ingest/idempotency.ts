/**
 * Runs an upload once per (uploader, Idempotency-Key). The data and the receipt commit
 * together; a replay — or a duplicate racing the first delivery, which loses on the
 * receipt's primary key and rolls back — is answered with the first delivery's answer.
 */
import { BulwarkError } from '../../core/errors.js';
import { receiptFor, writeReceipt } from '../../db/repositories/ingest-receipts-repository.js';
import type { TenantScope } from '../../db/tenant.js';

export interface Once<R> {
  response: R;
  replayed: boolean;
}

export async function applyOnce<R>(
  scope: TenantScope,
  uploader: string,
  key: string,
  kind: string,
  work: (tx: TenantScope) => Promise<R>,
  now = Date.now(),
): Promise<Once<R>> {
  const replay = async (): Promise<Once<R> | null> => {
    const prior = await receiptFor(scope, uploader, key);
    if (!prior) return null;
    if (prior.kind !== kind)
      throw new BulwarkError(
        'CONFLICT',
        `Idempotency-Key "${key}" was already used for a ${prior.kind} upload`,
      );
    return { response: prior.response as R, replayed: true };
  };
  const first = await replay();
  if (first) return first;
  try {
    return await scope.transaction(async (tx) => {
      const response = await work(tx);
      await writeReceipt(tx, uploader, key, kind, response, now);
      return { response, replayed: false };
    });
  } catch (err) {
    const raced = await replay();
    if (raced) return raced;
    throw err;
  }
}
