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
import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export const INVENTORY_NOW = Date.UTC(2026, 0, 31, 12, 0, 0);
const DAY = 86_400_000;

export type InventoryTable =
  | 'customers'
  | 'hosts'
  | 'sensors'
  | 'vulnerabilities'
  | 'vulnerability_aliases'
  | 'images'
  | 'image_repos'
  | 'image_sources'
  | 'image_labels'
  | 'containers'
  | 'container_labels'
  | 'software'
  | 'findings'
  | 'events'
  | 'registries'
  | 'registry_repositories'
  | 'registry_schedules';

export type InventoryRow = {
  [T in InventoryTable]: { table: T; row: Insertable<Database[T]> };
}[InventoryTable];

export interface InventorySize {
  readonly customers: readonly string[];
  readonly imagesPerCustomer: number;
  /** Average; each image gets 0..2×avg. */
  readonly containersPerImage: number;
  readonly packagesPerImage: number;
  /** Average open findings per image (its containers copy them). */
  readonly findingsPerImage: number;
  readonly vulnerabilities: number;
  readonly hostsPerCustomer: number;
  /** Names and labels with quotes, LIKE metacharacters and non-ASCII letters. */
  readonly tricky?: boolean;
}

/** Mulberry32: small, fast, good enough for test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REGISTRIES = [
  'docker.io',
  'registry-1.docker.io',
  'ghcr.io',
  'quay.io',
  '123456789012.dkr.ecr.us-east-1.amazonaws.com',
];
const ORGS = ['library', 'qualysdemo', 'acme', 'bitnami', 'internal-team'];
const APPS = [
  'nginx',
  'redis',
  'postgres',
  'checkoutapp',
  'payments',
  'frontend',
  'api',
  'worker',
  'node',
  'python',
];
const TAGS = ['latest', 'stable', '1.25', 'v1.2.3', 'alpine', '3.19-slim'];
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
const TRICKY_NAMES = [
  "o'brien",
  '50%_off',
  'back\\slash',
  'Ünïcode-ß',
  'MiXeD_Case',
  'semi;colon--x',
  'quote"d',
];
const STATES = ['CREATED', 'RUNNING', 'PAUSED', 'STOPPED', 'DELETED'] as const;
const SEVERITY_WEIGHTS = [0.05, 0.15, 0.4, 0.3, 0.1];

function uuid(rand: () => number): string {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
}

function sha(rand: () => number): string {
  return Array.from({ length: 64 }, () => Math.floor(rand() * 16).toString(16)).join('');
}

/** Skewed pick: low indexes far more often (a few base packages and CVEs are everywhere). */
function skewed(rand: () => number, n: number, power = 2.5): number {
  return Math.min(n - 1, Math.floor(n * rand() ** power));
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T;
}

function severity(rand: () => number): number {
  let u = rand();
  for (let s = 0; s < SEVERITY_WEIGHTS.length; s++) {
    u -= SEVERITY_WEIGHTS[s] as number;
    if (u < 0) return s + 1;
  }
  return 5;
}

interface Pkg {
  name: string;
  ecosystem: string;
  kind: 'os' | 'lang';
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

function* imageRows(
  rand: () => number,
  customer: string,
  index: number,
  size: InventorySize,
  packages: readonly Pkg[],
  vulnSeverity: readonly number[],
  hosts: readonly string[],
  sensors: readonly string[],
  nextSoftware: () => number,
  nextFinding: () => number,
): Generator<InventoryRow> {
  const imageUuid = uuid(rand);
  const imageSha = sha(rand);
  const created = index % 23 === 0 ? null : INVENTORY_NOW - Math.floor(rand() * 400 * DAY);
  const counts = [0, 0, 0, 0, 0];
  // Packages and their open findings, kept to copy onto the containers.
  const software: Insertable<Database['software']>[] = [];
  const findings: Insertable<Database['findings']>[] = [];
  const nPkgs = 1 + Math.floor(rand() * 2 * size.packagesPerImage);
  const seen = new Set<number>();
  for (let p = 0; p < nPkgs; p++) {
    const which = skewed(rand, packages.length, 1.6);
    if (seen.has(which)) continue;
    seen.add(which);
    const pkg = packages[which] as Pkg;
    const id = nextSoftware();
    const version = pkg.name.includes('log4j')
      ? pick(rand, ['2.14.1', '2.17.1'])
      : `${1 + (which % 4)}.${Math.floor(rand() * 12)}.${Math.floor(rand() * 5)}`;
    software.push({
      id,
      customer_id: customer,
      asset_type: 'IMAGE',
      asset_uuid: imageUuid,
      name: pkg.name,
      version,
      ecosystem: pkg.ecosystem,
      kind: pkg.kind,
      purl: `pkg:${pkg.kind === 'os' ? 'deb/debian' : pkg.ecosystem.toLowerCase()}/${pkg.name}@${version}`,
      source_name: pkg.kind === 'os' ? pkg.name : null,
      source_version: null,
      layer_digest: null,
      path: pkg.kind === 'lang' ? `/app/${pkg.name}` : null,
    });
  }
  const nFindings = Math.floor(rand() * 2 * size.findingsPerImage);
  for (let f = 0; f < nFindings && software.length > 0; f++) {
    const sw = software[skewed(rand, software.length, 1.3)] as Insertable<Database['software']>;
    const vulnIndex = skewed(rand, vulnSeverity.length, 1.8);
    const sev = vulnSeverity[vulnIndex] as number;
    const closed = rand() < 0.1;
    if (!closed) counts[sev - 1] = (counts[sev - 1] ?? 0) + 1;
    const k = vulnIndex;
    findings.push({
      id: nextFinding(),
      customer_id: customer,
      asset_type: 'IMAGE',
      asset_uuid: imageUuid,
      software_id: sw.id as number,
      vulnerability_id:
        k % 17 === 16
          ? `GHSA-${k.toString(36).padStart(4, 'x')}-abcd-${(k * 7).toString(36).padStart(4, 'y')}`
          : `CVE-${2015 + (k % 11)}-${10000 + k}`,
      severity: sev,
      fixed_version: rand() < 0.6 ? `${Math.floor(rand() * 9)}.${Math.floor(rand() * 9)}` : null,
      first_found: INVENTORY_NOW - Math.floor(rand() * 90) * DAY,
      last_found: INVENTORY_NOW - Math.floor(rand() * 3) * DAY,
      closed_at: closed ? INVENTORY_NOW - DAY : null,
    });
  }
  yield {
    table: 'images',
    row: {
      id: imageUuid,
      customer_id: customer,
      sha: imageSha,
      image_id: imageSha.slice(0, 12),
      size: index % 11 === 0 ? null : 5_000_000 + Math.floor(rand() * 1_000_000_000),
      created,
      first_seen: INVENTORY_NOW - Math.floor(rand() * 100 * DAY),
      last_scanned: index % 7 === 0 ? null : INVENTORY_NOW - Math.floor(rand() * 10 * DAY),
      operating_system: index % 3 === 0 ? 'Alpine Linux v3.19' : 'Debian GNU/Linux 12 (bookworm)',
      architecture: index % 5 === 0 ? 'arm64' : 'amd64',
      scan_error: index % 29 === 0 ? 'rpm database truncated' : null,
      updated_at: INVENTORY_NOW - Math.floor(rand() * 10 * DAY),
      ...severityCounts(counts),
    },
  };
  const repoCount = index % 13 === 0 ? 0 : 1 + Math.floor(rand() * 2);
  for (let r = 0; r < repoCount; r++) {
    const app =
      size.tricky && index % 10 === 9
        ? pick(rand, TRICKY_NAMES)
        : `${pick(rand, APPS)}${skewed(rand, Math.max(1, size.imagesPerCustomer / 20))}`;
    yield {
      table: 'image_repos',
      row: {
        customer_id: customer,
        image_uuid: imageUuid,
        registry: pick(rand, REGISTRIES),
        repository: `${pick(rand, ORGS)}/${app}`,
        tag: r === 1 && index % 4 === 0 ? null : pick(rand, TAGS),
        registry_uuid: null,
      },
    };
  }
  const sources = rand() < 0.3 ? ['GENERAL', 'REGISTRY'] : [pick(rand, ['GENERAL', 'REGISTRY', 'CICD'])];
  for (const source of sources)
    yield { table: 'image_sources', row: { customer_id: customer, image_uuid: imageUuid, source } };
  for (let l = 0; l < Math.floor(rand() * 4); l++) {
    const value = size.tricky && l === 2 ? pick(rand, TRICKY_NAMES) : `v${Math.floor(rand() * 5)}`;
    yield {
      table: 'image_labels',
      row: {
        customer_id: customer,
        image_uuid: imageUuid,
        key: pick(rand, ['org.label-schema.name', 'maintainer', 'env', 'Team']),
        value,
      },
    };
  }
  for (const row of software) yield { table: 'software', row };
  for (const row of findings) yield { table: 'findings', row };
  const nContainers = Math.floor(rand() * 2 * size.containersPerImage + 0.5);
  for (let k = 0; k < nContainers; k++) {
    const containerUuid = uuid(rand);
    const containerSha = sha(rand);
    const host = Math.floor(rand() * hosts.length);
    const rogue = rand() < 0.05;
    const containerCounts = [0, 0, 0, 0, 0];
    const containerFindings = findings.filter((f) => f.closed_at === null);
    for (const f of containerFindings) {
      const s = (f.severity as number) - 1;
      containerCounts[s] = (containerCounts[s] ?? 0) + 1;
    }
    const name =
      size.tricky && k === 1
        ? pick(rand, TRICKY_NAMES)
        : `${pick(rand, ['competent', 'festive', 'jolly', 'dazzling'])}_${pick(rand, ['fermat', 'wozniak', 'leavitt'])}${index}`;
    yield {
      table: 'containers',
      row: {
        id: containerUuid,
        customer_id: customer,
        sha: containerSha,
        container_id: containerSha.slice(0, 12),
        name,
        image_uuid: imageUuid,
        image_sha: imageSha,
        image_id: imageSha.slice(0, 12),
        host_id: hosts[host] ?? null,
        sensor_id: sensors[host] ?? null,
        state: pick(rand, STATES),
        created: INVENTORY_NOW - Math.floor(rand() * 60 * DAY),
        state_changed: INVENTORY_NOW - Math.floor(rand() * 5 * DAY),
        last_scanned: k % 3 === 0 ? null : INVENTORY_NOW - Math.floor(rand() * 72) * 3_600_000,
        privileged: rand() < 0.1 ? 1 : 0,
        is_rogue: rogue ? 1 : 0,
        path: '/bin/sh',
        command: rand() < 0.5 ? 'nginx -g daemon off;' : '/usr/bin/python3 app.py',
        hostname: containerSha.slice(0, 12),
        mac_address: null,
        ipv4: k % 2 ? `172.17.0.${k + 2}` : null,
        ipv6: null,
        operating_system: null,
        arguments_json: null,
        environment_json: null,
        port_mapping_json: null,
        updated_at: INVENTORY_NOW,
        ...severityCounts(containerCounts),
      },
    };
    for (let e = 0; e < 1 + Math.floor(rand() * 2); e++) {
      yield {
        table: 'events',
        row: {
          id: uuid(rand),
          customer_id: customer,
          event_occurred: INVENTORY_NOW - Math.floor(rand() * 30 * DAY),
          event: pick(rand, ['start', 'die', 'exec_start', 'exec_die', 'create']),
          type: 'CONTAINER',
          category: 'DOCKER',
          context: rand() < 0.3 ? 'sh ' : null,
          sensor_id: sensors[host] ?? null,
          host_id: hosts[host] ?? null,
          container_uuid: containerUuid,
          container_id: containerSha.slice(0, 12),
          container_sha: containerSha,
          image_uuid: imageUuid,
          image_id: imageSha.slice(0, 12),
          image_sha: imageSha,
          name,
        },
      };
    }
    if (rand() < 0.5) {
      yield {
        table: 'container_labels',
        row: {
          customer_id: customer,
          container_uuid: containerUuid,
          key: 'io.kubernetes.pod.namespace',
          value: pick(rand, ['default', 'kube-system', 'payments']),
        },
      };
    }
    for (const f of containerFindings) {
      yield {
        table: 'findings',
        row: { ...f, id: nextFinding(), asset_type: 'CONTAINER', asset_uuid: containerUuid },
      };
    }
  }
}

function* registryRows(rand: () => number, customer: string, c: number): Generator<InventoryRow> {
  const types: [string, string, string][] = [
    ['https://registry-1.docker.io', 'DockerHub', 'DockerHub'],
    ['https://123456789012.dkr.ecr.us-east-2.amazonaws.com', 'AWS', 'AWS'],
    [`https://registry${c}.example.com:5000`, 'V2-Private', 'BasicAuth'],
    ['https://quay.io', 'V2', 'None'],
  ];
  for (const [uri, registryType, credentialType] of types) {
    const id = uuid(rand);
    const aws = registryType === 'AWS';
    yield {
      table: 'registries',
      row: {
        id,
        customer_id: customer,
        registry_uri: uri,
        registry_type: registryType,
        credential_type: credentialType,
        username: null,
        password: null,
        token: null,
        docker_hub_org_name: registryType === 'DockerHub' ? 'acme' : null,
        aws_account_id: aws ? '123456789012' : null,
        aws_arn: aws ? 'arn:aws:iam::123456789012:role/scan' : null,
        aws_region: aws ? 'us-east-2' : null,
        created_at: INVENTORY_NOW - Math.floor(rand() * 200) * DAY,
        updated_at: INVENTORY_NOW - Math.floor(rand() * 20) * DAY,
        last_scanned: rand() < 0.3 ? null : INVENTORY_NOW - Math.floor(rand() * 5) * DAY,
      },
    };
    for (let r = 0; r < Math.floor(rand() * 4); r++) {
      const name = `${pick(rand, ORGS)}/${pick(rand, APPS)}`;
      yield {
        table: 'registry_repositories',
        row: { customer_id: customer, registry_uuid: id, name, tags_count: r, last_scanned: null },
      };
    }
    if (rand() < 0.6) {
      yield {
        table: 'registry_schedules',
        row: {
          id: uuid(rand),
          customer_id: customer,
          registry_uuid: id,
          name: pick(rand, ['nightly', 'On demand scan']),
          schedule_type: 'DAILY',
          time_of_day: '02:00',
          filters_json: '[]',
          status: pick(rand, ['CREATED', 'RUNNING', 'COMPLETED', 'FAILED'] as const),
          created_at: INVENTORY_NOW,
          updated_at: INVENTORY_NOW,
          last_run: null,
        },
      };
    }
  }
}

function severityCounts(counts: readonly number[]) {
  const [s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0] = counts;
  const max = s5 ? 5 : s4 ? 4 : s3 ? 3 : s2 ? 2 : s1 ? 1 : 0;
  return {
    severity1_count: s1,
    severity2_count: s2,
    severity3_count: s3,
    severity4_count: s4,
    severity5_count: s5,
    max_severity: max,
  };
}

/** Inserts generated rows through Kysely, in batches per table (tests; the bench bulk-loads). */
export async function insertInventory(
  db: Kysely<Database>,
  rows: Iterable<InventoryRow>,
  batch = 200,
): Promise<void> {
  const pending = new Map<InventoryTable, InventoryRow['row'][]>();
  // Parents before children: flush everything buffered whenever a table's buffer fills.
  const order: InventoryTable[] = [
    'customers',
    'hosts',
    'sensors',
    'vulnerabilities',
    'vulnerability_aliases',
    'images',
    'image_repos',
    'image_sources',
    'image_labels',
    'containers',
    'container_labels',
    'software',
    'findings',
    'events',
    'registries',
    'registry_repositories',
    'registry_schedules',
  ];
  const flush = async () => {
    for (const table of order) {
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
