/**
 * The tenant scope is applied in one place: repositories reach tenant-owned tables only
 * through `TenantScope`. This reads the repositories' source and fails on a raw
 * `db.selectFrom('<tenant table>')` (or update/delete/insert) outside the two files allowed
 * to: accounts (the login and token lookups that establish the customer) and the inventory
 * writer's insert that needs `returning`. The second check reads src/server (ingest,
 * matching, jobs, routes…) the same way, with an allow-list of the genuinely
 * cross-customer reads, each with its reason. The route walk in src/server/tenancy.test.ts
 * checks the behaviour; this keeps the rule visible in review.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
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

const serverDir = fileURLToPath(new URL('../server/', import.meta.url));

/** Platform tables that belong to no customer (the server's own bookkeeping). */
const SERVER_SHARED_TABLES = new Set([
  ...SHARED_TABLES,
  // What the platform database last matched the vulnerability database with.
  'advisory_marks',
  // Job bookkeeping (which replica ran which job), not customer data.
  'job_runs',
  // Failed logins are counted before anyone is authenticated: keyed by hashed user name / IP, no customer.
  'login_failures',
]);

/**
 * Raw (unscoped) access to customer tables in src/server: `file: op table` → why it must
 * span customers. Everything else goes through a TenantScope.
 */
const SERVER_ALLOWED: Record<string, string> = {
  'matching/rematch.ts: selectFrom images':
    'assets left "not checked" are re-checked after a database update, for every customer; each is then matched in its own TenantScope',
  'matching/rematch.ts: selectFrom containers': 'as for images',
  'jobs/retention-purge.ts: selectFrom retention_rules':
    'the purge job lists which customers have retention rules, then purges each inside its own TenantScope',
};

function sourceFiles(root: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(root)) {
    const full = join(root, name);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full, `${prefix}${name}/`));
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) out.push(`${prefix}${name}`);
  }
  return out;
}

it('src/server reaches customer tables only through TenantScope, except the listed cross-customer reads', () => {
  const offenders: string[] = [];
  const used = new Set<string>();
  for (const file of sourceFiles(serverDir)) {
    const text = readFileSync(join(serverDir, file), 'utf8');
    // A raw Kysely handle: `db`, `trx`, `x.db` (a TenantScope is `scope`/`tx`, and carries the filter).
    for (const m of text.matchAll(
      /([\w.]+)\s*\.\s*(selectFrom|updateTable|deleteFrom|insertInto)\(\s*([^\s),]+)/g,
    )) {
      const [, receiver, op, arg] = m as unknown as [string, string, string, string];
      // A table chosen at run time cannot be checked here: it counts as a customer table.
      const table = /^'\w+'$/.test(arg) ? arg.slice(1, -1) : `<${arg}>`;
      if (!/^(db|trx|kysely)$|\.db$/.test(receiver)) continue;
      if (SERVER_SHARED_TABLES.has(table)) continue;
      const key = `${file}: ${op} ${table}`;
      if (SERVER_ALLOWED[key]) {
        used.add(key);
        continue;
      }
      offenders.push(`${file}: ${receiver}.${op}('${table}')`);
    }
  }
  assert.deepEqual(offenders, []);
  // A stale entry would silently allow a future raw query: every entry must still be needed.
  assert.deepEqual(
    Object.keys(SERVER_ALLOWED).filter((k) => !used.has(k)),
    [],
  );
});
