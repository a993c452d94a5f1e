import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OsvRecord } from '../../advisory/osv-types.js';

/** Every record under testdata/osv, by file name. */
export function loadTestRecords(): OsvRecord[] {
  const dir = join(import.meta.dirname, 'osv');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as OsvRecord);
}
