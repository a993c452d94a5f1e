/** Images, their containers, events and registries of the synthetic QQL inventory. */
import type { Insertable } from 'kysely';
import type { Database } from '../db/schema.js';
import {
  DAY,
  INVENTORY_NOW,
  type InventoryRow,
  type InventorySize,
  pick,
  sha,
  skewed,
  TRICKY_NAMES,
  uuid,
} from './qql-inventory-base.js';

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
const STATES = ['CREATED', 'RUNNING', 'PAUSED', 'STOPPED', 'DELETED'] as const;

export interface Pkg {
  name: string;
  ecosystem: string;
  kind: 'os' | 'lang';
}

export function* imageRows(
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

export function* registryRows(rand: () => number, customer: string, c: number): Generator<InventoryRow> {
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
