/**
 * Migration 0013's claim, on SQLite's own planner over the seeded inventory (with its
 * statistics): a conjunction of child terms is answered from indexes alone — the driving
 * `IN` reads the parent key from the folded index, each per-candidate `EXISTS` stays in the
 * per-parent index — and the vulnerabilities list joins software to findings in indexes.
 * Migration 0014's id lookups likewise. The full-scale timings are `npm run bench -- "qql list"`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { qqlCatalogs } from '../qql/catalog/index.js';
import { ref } from '../qql/catalog/types.js';
import { customerScope, seededDatabase } from '../test-support/qql-db.js';
import { INVENTORY_NOW } from '../test-support/qql-inventory.js';
import type { TestDatabase } from '../test-support/test-databases.js';
import { type QqlEntity, qqlWhere } from './index.js';

let t: TestDatabase;
before(async () => {
  t = await seededDatabase('sqlite');
  await sql`analyze`.execute(t.db);
});
after(() => t.dispose());

async function plan(entity: QqlEntity, filter: string): Promise<string[]> {
  const catalog = qqlCatalogs[entity];
  const where = qqlWhere(entity, filter, { dialect: 'sqlite', customerId: 'cust-a', now: INVENTORY_NOW });
  const query = sql`select ${ref(catalog.key)} from ${sql.table(catalog.table)} where ${customerScope(entity, 'cust-a')} and ${where}`;
  const rows = await sql<{ detail: string }>`explain query plan ${query}`.execute(t.db);
  return rows.rows.map((r) => r.detail);
}

/** Every step that reads the child table `alias` is an index-only search. */
function childStepsCovered(steps: string[], alias: string): void {
  const child = steps.filter((s) => s.startsWith(`SEARCH ${alias} `) || s.startsWith(`SCAN ${alias} `));
  assert.ok(child.length >= 2, steps.join('\n'));
  for (const s of child) assert.match(s, /USING COVERING INDEX/, steps.join('\n'));
}

describe('QQL child terms are answered from indexes alone (SQLite plans, migration 0013)', () => {
  it('software name and version on images', async () => {
    childStepsCovered(await plan('images', 'software.name:openssl and software.version:3.*'), 'q_s');
  });

  it('repository and tag on images', async () => {
    childStepsCovered(await plan('images', 'repo.repository:library/nginx* and repo.tag:latest'), 'q_r');
  });

  it('label key and value on containers', async () => {
    childStepsCovered(await plan('containers', 'label.value:payments and label.key:team'), 'q_l');
  });

  it('the candidates of a driving IN are checked in the id index (migration 0014)', async () => {
    const steps = await plan('containers', 'vulnerabilities.cve:CVE-2026-1000 and label.value:payments');
    const containers = steps.find((s) => s.startsWith('SEARCH containers '));
    assert.match(containers ?? '', /USING COVERING INDEX containers_id_customer_created/, steps.join('\n'));
  });

  it('the software join of the vulnerabilities list', async () => {
    // The list's own scope (`b_f`) is left to the planner: on this small inventory it takes the
    // partial open-findings index, at full scale the customer/vulnerability/closed one.
    const steps = await plan('vulnerabilities', 'severity:5 and software.name:openssl');
    for (const alias of ['q_s', 'q_f']) {
      const step = steps.find((s) => s.startsWith(`SEARCH ${alias} `));
      assert.match(step ?? '', /USING COVERING INDEX/, steps.join('\n'));
    }
  });
});
