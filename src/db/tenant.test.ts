/**
 * The tenant scope is applied in one place: repositories reach tenant-owned tables only
 * through `TenantScope`. This reads the repositories' source and fails on a raw
 * `db.selectFrom('<tenant table>')` (or update/delete/insert) outside the two files allowed
 * to: accounts (the login and token lookups that establish the customer) and the inventory
 * writer's insert that needs `returning`. The route walk in src/server/tenancy.test.ts
 * checks the behaviour; this keeps the rule visible in review.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('./repositories/', import.meta.url));
const SHARED_TABLES = new Set(['vulnerabilities', 'vulnerability_aliases', 'customers']);
const ALLOWED: Record<string, RegExp> = {
  'accounts-repository.ts': /./,
  'inventory-writer.ts': /^insertInto$/,
  // Activation and the credential lookup establish a sensor's customer (like a login);
  // the UNKNOWN sweep is a job over every customer.
  'sensor-identity-repository.ts': /^(selectFrom|updateTable)$/,
  // The registry scheduler's sweep over every customer: due schedules and jobs to list.
  'registry-jobs-repository.ts': /^selectFrom$/,
  'registry-schedules-repository.ts': /^selectFrom$/,
};

it('repositories reach tenant tables only through TenantScope', () => {
  const offenders: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    const text = readFileSync(join(dir, file), 'utf8');
    for (const m of text.matchAll(
      /\bdb\s*\.\s*(selectFrom|updateTable|deleteFrom|insertInto)\(\s*'(\w+)'/g,
    )) {
      const [, op, table] = m as unknown as [string, string, string];
      if (SHARED_TABLES.has(table)) continue;
      if (ALLOWED[file]?.test(op)) continue;
      offenders.push(`${file}: db.${op}('${table}')`);
    }
  }
  assert.deepEqual(offenders, []);
});
