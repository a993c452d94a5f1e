/**
 * A synthetic, seeded container inventory for QQL tests and the QQL bench: images with
 * repos, labels, sources, packages and open/closed findings; containers on hosts with
 * the findings of their image (plus rogue extras); vulnerabilities with a realistic
 * severity mix. Rows are streamed (a generator), so the bench can produce millions
 * without holding them; `insertInventory` batches them through Kysely for tests.
 *
 * Severity counts on images/containers are computed from the generated open findings, as
 * ingest will keep them, so the count-based `vulnerabilities.severity` agrees with them.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { imageRows, type Pkg, registryRows } from './qql-inventory-assets.js';
import {
  DAY,
  INVENTORY_NOW,
  INVENTORY_TABLES,
  type InventoryRow,
  type InventorySize,
  type InventoryTable,
  pick,
  prng,
  TRICKY_NAMES,
  uuid,
} from './qql-inventory-base.js';

export { INVENTORY_NOW, INVENTORY_TABLES, type InventoryRow, type InventorySize, type InventoryTable, prng };

const OS_PACKAGES = [
  'libc6',
  'openssl',
  'libssl3',
  'zlib1g',
  'bash',
  'coreutils',
  'tar',
  'gzip',
  'curl',
  'libcurl4',
  'apt',
  'dpkg',
  'perl-base',
  'libsystemd0',
  'ncurses-base',
  'login',
  'passwd',
  'sed',
  'grep',
  'util-linux',
];
const LANG_PACKAGES: [string, string][] = [
  ['org.apache.logging.log4j:log4j-core', 'Maven'],
  ['Django', 'PyPI'],
  ['requests', 'PyPI'],
  ['lodash', 'npm'],
  ['express', 'npm'],
  ['golang.org/x/net', 'Go'],
];
const SEVERITY_WEIGHTS = [0.05, 0.15, 0.4, 0.3, 0.1];

function severity(rand: () => number): number {
  let u = rand();
  for (let s = 0; s < SEVERITY_WEIGHTS.length; s++) {
    u -= SEVERITY_WEIGHTS[s] as number;
    if (u < 0) return s + 1;
  }
  return 5;
}

export function* inventoryRows(seed: number, size: InventorySize): Generator<InventoryRow> {
  const rand = prng(seed);
  const vulnSeverity: number[] = [];
  for (let k = 0; k < size.vulnerabilities; k++) {
    const sev = severity(rand);
    vulnSeverity.push(sev);
    const isGhsa = k % 17 === 16;
    const id = isGhsa
      ? `GHSA-${k.toString(36).padStart(4, 'x')}-abcd-${(k * 7).toString(36).padStart(4, 'y')}`
      : `CVE-${2015 + (k % 11)}-${10000 + k}`;
    const cve = isGhsa ? (k % 2 === 0 ? `CVE-2099-${k}` : null) : id;
    const tricky = size.tricky && k % 9 === 0 ? ' 100% _remote_ "code"' : '';
    yield {
      table: 'vulnerabilities',
      row: {
        id,
        qid: 100_000 + k,
        cve,
        title: `${k % 3 === 0 ? 'Buffer overflow' : k % 3 === 1 ? 'Remote Code Execution' : 'denial of service'} in component ${k}${tricky}`,
        severity: sev,
        cvss_score: k % 5 === 0 ? null : Math.round((sev * 2 - rand()) * 10) / 10,
        cvss_vector: null,
        published: INVENTORY_NOW - Math.floor(rand() * 2000) * DAY,
        modified: k % 4 === 0 ? null : INVENTORY_NOW - Math.floor(rand() * 100) * DAY,
        aliases_json: '[]',
      },
    };
    if (k % 5 === 0)
      yield { table: 'vulnerability_aliases', row: { vulnerability_id: id, alias: `DSA-${5000 + k}-1` } };
  }
  const packages: Pkg[] = [
    ...OS_PACKAGES.map((name): Pkg => ({ name, ecosystem: 'Debian:12', kind: 'os' })),
    ...LANG_PACKAGES.map(([name, ecosystem]): Pkg => ({ name, ecosystem, kind: 'lang' })),
  ];
  const extra = Math.max(20, Math.floor(size.imagesPerCustomer / 5));
  for (let i = 0; i < extra; i++)
    packages.push({ name: `pkg-${i}`, ecosystem: i % 2 ? 'npm' : 'PyPI', kind: 'lang' });
  let softwareId = 1;
  let findingId = 1;
  for (const [c, customer] of size.customers.entries()) {
    yield {
      table: 'customers',
      row: { id: customer, name: `customer ${c}`, created_at: INVENTORY_NOW - 400 * DAY },
    };
    const hosts: string[] = [];
    const sensors: string[] = [];
    for (let h = 0; h < size.hostsPerCustomer; h++) {
      const hostId = uuid(rand);
      const sensorId = uuid(rand);
      hosts.push(hostId);
      sensors.push(sensorId);
      const hostname = size.tricky && h % 4 === 3 ? pick(rand, TRICKY_NAMES) : `docker${h}`;
      const ip = `10.115.${c}.${h + 1}`;
      yield {
        table: 'hosts',
        row: {
          id: hostId,
          customer_id: customer,
          hostname,
          ip_address: h % 6 === 5 ? null : ip,
          created_at: INVENTORY_NOW - 300 * DAY,
          updated_at: INVENTORY_NOW,
        },
      };
      yield {
        table: 'sensors',
        row: {
          id: sensorId,
          customer_id: customer,
          activation_id: null,
          host_id: hostId,
          hostname,
          ip_address: ip,
          version: `1.${h % 4}.${h % 3}`,
          sensor_type: pick(rand, ['GENERAL', 'CICD', 'REGISTRY'] as const),
          status: pick(rand, ['ACTIVE', 'INACTIVE', 'UNKNOWN'] as const),
          docker_version: '24.0.7',
          operating_system: h % 2 ? 'Debian GNU/Linux 12' : 'Ubuntu 22.04',
          credential_hash: null,
          created_at: INVENTORY_NOW - Math.floor(rand() * 300) * DAY,
          last_checked_in: h % 5 === 0 ? null : INVENTORY_NOW - Math.floor(rand() * 48) * 3_600_000,
        },
      };
    }
    yield* registryRows(rand, customer, c);
    for (let i = 0; i < size.imagesPerCustomer; i++) {
      yield* imageRows(
        rand,
        customer,
        i,
        size,
        packages,
        vulnSeverity,
        hosts,
        sensors,
        () => softwareId++,
        () => findingId++,
      );
    }
  }
}

export async function insertInventory(
  db: Kysely<Database>,
  rows: Iterable<InventoryRow>,
  batch = 200,
): Promise<void> {
  const pending = new Map<InventoryTable, InventoryRow['row'][]>();
  // Parents before children: flush everything buffered whenever a table's buffer fills.
  const flush = async () => {
    for (const table of INVENTORY_TABLES) {
      const list = pending.get(table);
      if (list && list.length > 0) {
        // Each buffer holds rows of its own table only.
        await db
          .insertInto(table)
          .values(list as never)
          .execute();
        pending.set(table, []);
      }
    }
  };
  for (const { table, row } of rows) {
    const list = pending.get(table) ?? [];
    list.push(row);
    pending.set(table, list);
    if (list.length >= batch) await flush();
  }
  await flush();
}
