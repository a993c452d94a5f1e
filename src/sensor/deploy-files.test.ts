/**
 * The deployment manifests stay valid and in step with the CLI. Debian has no `helm`, so both
 * charts (deploy/sensor/helm/bulwark-sensor, deploy/helm/bulwark) are rendered by our renderer
 * for the Go-template subset they use (src/test-support/helm-render.ts) with their defaults
 * and with every option set; every rendered document and the plain DaemonSet are checked
 * against a JSON schema of the Kubernetes fields they use (testdata/k8s-subset.schema.json,
 * provenance inside), and every flag they pass is one the CLI accepts. (The server chart's
 * PostgreSQL dependency comes from a remote chart repository and is not rendered.)
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { sensorCommand } from '../cli/commands/sensor.js';
import { serverCommand } from '../cli/commands/server.js';
import { renderChart } from '../test-support/helm-render.js';

const deploy = join(import.meta.dirname, '../../deploy');
const sensorChart = join(deploy, 'sensor/helm/bulwark-sensor');
const serverChart = join(deploy, 'helm/bulwark');
const sensorFlags = new Set(sensorCommand().options.map((o) => o.long));
const serverFlags = new Set(serverCommand().options.map((o) => o.long));
const validate = new Ajv({ allErrors: true }).compile(
  JSON.parse(readFileSync(join(import.meta.dirname, 'testdata/k8s-subset.schema.json'), 'utf8')),
);

interface Container {
  args?: string[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef: { name: string } } }[];
  volumeMounts: { mountPath: string }[];
}
type Doc = Record<string, unknown> & {
  kind: string;
  metadata: { name: string };
  spec?: { template?: { spec: { containers: Container[] } } };
};

function valid(docs: Record<string, unknown>[], what: string): Doc[] {
  for (const d of docs)
    assert.ok(validate(d), `${what} ${String(d.kind)}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
  return docs as Doc[];
}
const containerOf = (docs: Doc[], kind: string) => {
  const c = docs.find((d) => d.kind === kind)?.spec?.template?.spec.containers[0];
  assert.ok(c, `a ${kind} with a container`);
  return c;
};
const flagsOf = (args: string[]) =>
  args.filter((a) => a.startsWith('--')).map((a) => a.split('=')[0] as string);

const SENSOR_REQUIRED = {
  activationId: '2f9e1c8a-5b7d-4e6f-8a9b-0c1d2e3f4a5b',
  customerId: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d',
  serverUrl: 'https://bulwark.example:7700',
};
const SENSOR_ALL = {
  ...SENSOR_REQUIRED,
  image: 'registry.example/bulwark/sensor:1.2.3',
  mode: 'cicd',
  logLevel: 5,
  enableConsoleLogs: true,
  cpuUsageLimit: 35,
  concurrentScan: 4,
  proxy: 'http://proxy.example:3128',
  proxyCertFile: '/etc/bulwark/proxy.pem',
  dockerHost: 'unix:///run/docker.sock',
  dockerSocketPath: '/run/docker.sock',
  hostIdSearchDir: '/etc/qualys',
  storage: '/var/lib/bulwark-sensor',
  triggerTag: 'ci_scan_target',
  scanIntervalHours: 24,
  resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '100m', memory: '256Mi' } },
};

describe('deployment files', () => {
  it('the plain DaemonSet is a valid DaemonSet mounting the Docker socket, with flags the CLI knows', () => {
    const docs = valid(
      [parse(readFileSync(join(deploy, 'sensor/daemonset.yaml'), 'utf8'))],
      'daemonset.yaml',
    );
    const c = containerOf(docs, 'DaemonSet');
    assert.ok(c.volumeMounts.some((m) => m.mountPath === '/var/run/docker.sock'));
    for (const flag of flagsOf(c.args ?? [])) assert.ok(sensorFlags.has(flag), `${flag} is a sensor flag`);
  });

  it('the schema is not vacuous: a misplaced field, a bad volume type or a wrong kind fails', () => {
    const ds = parse(readFileSync(join(deploy, 'sensor/daemonset.yaml'), 'utf8')) as Record<string, unknown>;
    const spec = ds.spec as { template: { spec: Record<string, unknown> } };
    const broken = [
      { ...ds, kind: 'Daemonset' },
      { ...ds, spec: { ...spec, replicas: 2 } },
      {
        ...ds,
        spec: { ...spec, template: { ...spec.template, spec: { ...spec.template.spec, hostpid: true } } },
      },
      {
        ...ds,
        spec: {
          ...spec,
          template: {
            ...spec.template,
            spec: { ...spec.template.spec, volumes: [{ name: 'x', hostPath: { path: '/x', type: 'Sock' } }] },
          },
        },
      },
    ];
    for (const doc of broken) assert.equal(validate(doc), false, JSON.stringify(doc).slice(0, 80));
  });

  it('the sensor chart renders valid with its defaults and passes nothing optional', () => {
    const docs = valid(renderChart(sensorChart, SENSOR_REQUIRED), 'sensor chart');
    assert.deepEqual(
      docs.map((d) => d.kind),
      ['DaemonSet'],
    );
    const args = containerOf(docs, 'DaemonSet').args ?? [];
    for (const flag of flagsOf(args)) assert.ok(sensorFlags.has(flag), `${flag} is a sensor flag`);
    for (const absent of ['--cicd-deployed-sensor', '--proxy', '--trigger-tag', '--enable-console-logs'])
      assert.ok(!flagsOf(args).includes(absent), `${absent} only when set`);
  });

  it('the sensor chart renders valid with every option, each reaching the sensor', () => {
    const docs = valid(renderChart(sensorChart, SENSOR_ALL, 'edge'), 'sensor chart (all options)');
    const c = containerOf(docs, 'DaemonSet');
    const args = c.args ?? [];
    for (const flag of flagsOf(args)) assert.ok(sensorFlags.has(flag), `${flag} is a sensor flag`);
    for (const expected of [
      `--activation-id=${SENSOR_ALL.activationId}`,
      `--customer-id=${SENSOR_ALL.customerId}`,
      `--server-url=${SENSOR_ALL.serverUrl}`,
      '--log-level=5',
      '--enable-console-logs',
      '--cpu-usage-limit=35',
      '--concurrent-scan=4',
      '--proxy=http://proxy.example:3128',
      '--proxy-cert-file=/etc/bulwark/proxy.pem',
      '--docker-host=unix:///run/docker.sock',
      '--host-id-search-dir=/etc/qualys',
      '--storage=/var/lib/bulwark-sensor',
      '--cicd-deployed-sensor',
      '--trigger-tag=ci_scan_target',
      '--scan-interval-hours=24',
    ])
      assert.ok(args.includes(expected), `passes ${expected}`);
    const values = parse(readFileSync(join(sensorChart, 'values.yaml'), 'utf8')) as Record<string, unknown>;
    for (const key of Object.keys(values)) assert.ok(key in SENSOR_ALL, `the all-options render sets ${key}`);
    const mounts = c.volumeMounts.map((m) => m.mountPath).sort();
    assert.deepEqual(mounts, ['/etc/qualys', '/run/docker.sock', '/var/lib/bulwark-sensor']);
    assert.equal((docs[0] as { metadata: { name: string } }).metadata.name, 'edge');
  });

  it('the sensor chart refuses to render without its required values', () => {
    assert.throws(() => renderChart(sensorChart, {}), /activationId is required/);
    assert.throws(
      () => renderChart(sensorChart, { ...SENSOR_REQUIRED, serverUrl: '' }),
      /serverUrl is required/,
    );
  });

  it('the server chart renders valid with its defaults: Deployment, PVC, Service and both Secrets', () => {
    const docs = valid(
      renderChart(serverChart, { admin: { password: 'pw-1' }, postgresql: { auth: { password: 'pg-1' } } }),
      'server chart',
    );
    assert.deepEqual(docs.map((d) => d.kind).sort(), [
      'Deployment',
      'PersistentVolumeClaim',
      'Secret',
      'Secret',
      'Service',
    ]);
    const args = containerOf(docs, 'Deployment').args ?? [];
    assert.equal(args[0], 'server');
    for (const flag of flagsOf(args)) assert.ok(serverFlags.has(flag), `${flag} is a server flag`);
    const db = docs.find((d) => d.metadata.name === 'rel-bulwark-db') as unknown as {
      stringData: Record<string, string>;
    };
    assert.equal(db.stringData['database-url'], 'postgres://bulwark:pg-1@rel-postgresql:5432/bulwark');
  });

  it('the server chart renders valid with every option: existing secrets, external database, mirror, storage class', () => {
    const docs = valid(
      renderChart(serverChart, {
        image: { repository: 'registry.example/bulwark', tag: '9.9.9', pullPolicy: 'Always' },
        replicaCount: 3,
        service: { type: 'LoadBalancer', port: 8443 },
        admin: { username: 'root', existingSecret: 'my-admin' },
        postgresql: { enabled: false },
        externalDatabase: { existingSecret: 'my-db', existingSecretKey: 'url' },
        jobs: {
          dbUpdateIntervalHours: 6,
          dbUpdateSource: 'https://osv-mirror.example/',
          purgeIntervalMinutes: 30,
          rematchIntervalMinutes: 5,
          jobTimeoutSeconds: 60,
        },
        vulnDb: { storageClass: 'nfs', size: '5Gi', accessMode: 'ReadWriteMany' },
      }),
      'server chart (all options)',
    );
    assert.deepEqual(
      docs.map((d) => d.kind).sort(),
      ['Deployment', 'PersistentVolumeClaim', 'Service'],
      'no Secret',
    );
    const c = containerOf(docs, 'Deployment');
    const args = c.args ?? [];
    for (const flag of flagsOf(args)) assert.ok(serverFlags.has(flag), `${flag} is a server flag`);
    for (const expected of [
      '--db-update-interval=6',
      '--db-update-source=https://osv-mirror.example/',
      '--purge-interval=30',
      '--rematch-interval=5',
      '--job-timeout=60',
    ])
      assert.ok(args.includes(expected), `passes ${expected}`);
    const secretNames = (c.env ?? []).flatMap((e) => (e.valueFrom ? [e.valueFrom.secretKeyRef.name] : []));
    assert.deepEqual(secretNames.sort(), ['my-admin', 'my-db']);
    const pvc = docs.find((d) => d.kind === 'PersistentVolumeClaim') as unknown as {
      spec: { storageClassName: string };
    };
    assert.equal(pvc.spec.storageClassName, 'nfs');
  });

  it('the server chart refuses to render without an admin password or a database', () => {
    assert.throws(() => renderChart(serverChart, {}), /admin.password or admin.existingSecret is required/);
    assert.throws(
      () => renderChart(serverChart, { admin: { password: 'x' }, postgresql: { enabled: false } }),
      /externalDatabase.url/,
    );
  });
});
