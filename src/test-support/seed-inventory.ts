/**
 * A small, realistic inventory for one customer, shaped like the reference samples: two
 * hosts with sensors, three images (one with severity-5 vulnerabilities, one only seen in a
 * registry), containers in several states, events, a registry with a schedule. `tag` makes
 * names and hashes distinct per customer so a leak between customers is visible.
 */
import { createHash } from 'node:crypto';
import {
  upsertVulnerabilities,
  writeContainer,
  writeEvent,
  writeHost,
  writeImage,
  writeSensor,
} from '../db/repositories/inventory-writer.js';
import { createRegistry } from '../db/repositories/registries-repository.js';
import { createSchedule } from '../db/repositories/registry-schedules-repository.js';
import type { TenantScope } from '../db/tenant.js';
import { testSecretBox } from './test-secrets.js';

export const SEED_VULNS = [
  {
    id: 'CVE-2021-44228',
    qid: 1001,
    cve: 'CVE-2021-44228',
    title: 'log4j JNDI lookup',
    severity: 5,
    cvssScore: 10,
  },
  {
    id: 'CVE-2023-4911',
    qid: 1002,
    cve: 'CVE-2023-4911',
    title: 'glibc tunables overflow',
    severity: 4,
    cvssScore: 7.8,
  },
  {
    id: 'DSA-5000-1',
    qid: 1003,
    cve: null,
    title: 'openssl update',
    severity: 3,
    aliases: ['CVE-2021-3711'],
  },
  {
    id: 'CVE-2022-0001',
    qid: 1004,
    cve: 'CVE-2022-0001',
    title: 'minor info leak',
    severity: 2,
    cvssScore: 3.1,
  },
];

function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export interface SeededInventory {
  images: { vulnerable: string; clean: string; registryOnly: string };
  containers: { running: string; stopped: string; created: string };
  sensors: { active: string; unknown: string };
  hosts: { docker1: string; docker2: string };
  registry: string;
  schedule: string;
  imageShas: { vulnerable: string };
  containerShas: { running: string };
}

export async function seedInventory(scope: TenantScope, tag: string): Promise<SeededInventory> {
  await upsertVulnerabilities(scope.db, SEED_VULNS);
  const docker1 = await writeHost(scope, `docker1-${tag}`, '10.115.74.188');
  const docker2 = await writeHost(scope, `docker2-${tag}`, '10.115.74.187');
  const active = await writeSensor(scope, {
    hostId: docker1,
    hostname: `docker1-${tag}`,
    ipAddress: '10.115.74.188',
    version: '1.0.0',
  });
  const unknown = await writeSensor(scope, {
    hostId: docker2,
    hostname: `cms-${tag}`,
    ipAddress: '10.115.74.187',
    status: 'UNKNOWN',
  });
  const registry = await createRegistry(
    scope,
    {
      registryUri: `https://registry-${tag}.example:5000`,
      registryType: 'V2-Private',
      credentialType: 'BasicAuth',
      username: 'dXNlcg==',
      password: 'cGFzcw==',
    },
    testSecretBox,
  );
  const schedule = await createSchedule(scope, registry, {
    name: `nightly-${tag}`,
    scheduleType: 'DAILY',
    timeOfDay: '02:00',
    filters: [],
  });
  const vulnerableSha = sha(`vulnerable-${tag}`);
  const vulnerable = await writeImage(scope, {
    sha: vulnerableSha,
    size: 1082856183,
    created: 1526592592000,
    lastScanned: 1546552299809,
    repos: [
      {
        registry: 'docker.io',
        repository: `qualysdemo/checkoutapp-${tag}`,
        tag: 'baddoc',
        registryUuid: registry,
      },
      { registry: 'registry-1.docker.io', repository: `qualysdemo/checkoutapp-${tag}`, tag: 'baddoc' },
    ],
    sources: ['REGISTRY'],
    labels: [{ key: 'org.label-schema.vendor', value: `vendor-${tag}` }],
    software: [
      {
        name: 'log4j-core',
        version: '2.14.1',
        ecosystem: 'Maven',
        kind: 'lang',
        vulnerabilities: [{ id: 'CVE-2021-44228', severity: 5, fixedVersion: '2.15.0' }],
      },
      {
        name: 'libc6',
        version: '2.36-9',
        ecosystem: 'Debian:12',
        vulnerabilities: [
          { id: 'CVE-2023-4911', severity: 4, fixedVersion: '2.36-9+deb12u3' },
          { id: 'CVE-2022-0001', severity: 2 },
        ],
      },
      {
        name: 'libssl3',
        version: '3.0.9-1',
        ecosystem: 'Debian:12',
        vulnerabilities: [{ id: 'DSA-5000-1', severity: 3 }],
      },
    ],
  });
  const clean = await writeImage(scope, {
    sha: sha(`clean-${tag}`),
    size: 1082855961,
    created: 1509562706000,
    lastScanned: 1540407394660,
    repos: [{ registry: 'docker.io', repository: `imiell/bad-dockerfile-${tag}`, tag: 'latest' }],
    software: [{ name: 'bash', version: '5.2.15-2', ecosystem: 'Debian:12' }],
  });
  const registryOnly = await writeImage(scope, {
    sha: sha(`registry-only-${tag}`),
    created: 1500000000000,
    repos: [{ registry: 'docker.io', repository: `alpine-${tag}`, tag: '3.20' }],
    sources: ['REGISTRY'],
  });
  const runningSha = sha(`running-${tag}`);
  const running = await writeContainer(scope, {
    sha: runningSha,
    name: `competent_fermat_${tag}`,
    imageUuid: vulnerable,
    imageSha: vulnerableSha,
    hostId: docker1,
    sensorUuid: active,
    state: 'RUNNING',
    created: 1545223164000,
    stateChanged: 1545223413425,
    command: '/bin/bash',
    path: '/bin/bash',
    environment: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
    labels: [{ key: 'org.label-schema.name', value: `base-${tag}` }],
    software: [
      {
        name: 'log4j-core',
        version: '2.14.1',
        ecosystem: 'Maven',
        kind: 'lang',
        vulnerabilities: [{ id: 'CVE-2021-44228', severity: 5, fixedVersion: '2.15.0' }],
      },
    ],
  });
  const stopped = await writeContainer(scope, {
    sha: sha(`stopped-${tag}`),
    name: `festive_wozniak_${tag}`,
    imageUuid: vulnerable,
    imageSha: vulnerableSha,
    hostId: docker2,
    sensorUuid: unknown,
    state: 'STOPPED',
    created: 1543906019000,
    stateChanged: 1543908325849,
  });
  const created = await writeContainer(scope, {
    sha: sha(`created-${tag}`),
    name: `dazzling_leavitt_${tag}`,
    imageUuid: clean,
    imageSha: sha(`clean-${tag}`),
    hostId: docker1,
    sensorUuid: active,
    state: 'CREATED',
    created: 1540449432000,
    stateChanged: 1540449432366,
  });
  for (const [i, event] of ['start', 'exec_start', 'exec_die'].entries()) {
    await writeEvent(scope, {
      occurred: 1546421599169 + i * 1000,
      event,
      type: 'CONTAINER',
      context: event === 'exec_start' ? 'sh ' : null,
      sensorUuid: active,
      hostId: docker1,
      container: { uuid: running, sha: runningSha, name: `competent_fermat_${tag}` },
      image: { uuid: vulnerable, sha: vulnerableSha },
    });
  }
  return {
    images: { vulnerable, clean, registryOnly },
    containers: { running, stopped, created },
    sensors: { active, unknown },
    hosts: { docker1, docker2 },
    registry,
    schedule,
    imageShas: { vulnerable: vulnerableSha },
    containerShas: { running: runningSha },
  };
}
