/**
 * Idempotency of uploads: the first delivery under a key is applied and its answer kept;
 * a replay (a sensor retrying after a lost response) gets that answer back and changes
 * nothing. The receipt is written in the same transaction as the data, so a delivery is
 * either fully applied and remembered or not at all.
 */
import type { Millis } from '../schema.js';
import type { TenantScope } from '../tenant.js';

export async function receiptFor(
  scope: TenantScope,
  uploader: string,
  key: string,
): Promise<{ kind: string; response: unknown } | null> {
  const row = await scope
    .selectFrom('ingest_receipts')
    .select(['kind', 'response_json'])
    .where('uploader', '=', uploader)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  return row ? { kind: row.kind, response: JSON.parse(row.response_json) as unknown } : null;
}

export async function writeReceipt(
  scope: TenantScope,
  uploader: string,
  key: string,
  kind: string,
  response: unknown,
  now: Millis,
): Promise<void> {
  await scope.insert('ingest_receipts', [
    { uploader, idempotency_key: key, kind, response_json: JSON.stringify(response), received_at: now },
  ]);
}
