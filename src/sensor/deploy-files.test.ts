/**
 * The deployment files under deploy/sensor stay in step with the CLI: the DaemonSet is
 * valid YAML of the right kind whose flags the CLI accepts, and the Helm chart's template
 * passes every install option. (No `helm` binary on Debian: a structural check instead.)
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { parse } from 'yaml';
import { sensorCommand } from '../cli/commands/sensor.js';

const root = join(import.meta.dirname, '../../deploy/sensor');
const cliFlags = new Set(sensorCommand().options.map((o) => o.long));

it('the DaemonSet is a DaemonSet mounting the Docker socket, with flags the CLI knows', () => {
  const ds = parse(readFileSync(join(root, 'daemonset.yaml'), 'utf8')) as {
    kind: string;
    spec: { template: { spec: { containers: { args: string[]; volumeMounts: { mountPath: string }[] }[] } } };
  };
  assert.equal(ds.kind, 'DaemonSet');
  const c = ds.spec.template.spec.containers[0];
  assert.ok(c?.volumeMounts.some((m) => m.mountPath === '/var/run/docker.sock'));
  for (const arg of c?.args ?? []) assert.ok(cliFlags.has(arg.split('=')[0]), `${arg} is a sensor flag`);
});

it('the Helm chart passes every install option, and each one is a CLI flag', () => {
  const template = readFileSync(join(root, 'helm/bulwark-sensor/templates/daemonset.yaml'), 'utf8');
  const values = parse(readFileSync(join(root, 'helm/bulwark-sensor/values.yaml'), 'utf8')) as Record<
    string,
    unknown
  >;
  const used = [...template.matchAll(/- (--[a-z-]+)/g)].map((m) => m[1] as string);
  for (const flag of used) assert.ok(cliFlags.has(flag), `${flag} is a sensor flag`);
  for (const flag of [
    '--activation-id',
    '--customer-id',
    '--server-url',
    '--log-level',
    '--enable-console-logs',
    '--cpu-usage-limit',
    '--concurrent-scan',
    '--proxy',
    '--proxy-cert-file',
    '--docker-host',
    '--host-id-search-dir',
    '--storage',
    '--cicd-deployed-sensor',
    '--trigger-tag',
    '--scan-interval-hours',
  ])
    assert.ok(used.includes(flag), `chart passes ${flag}`);
  for (const key of [...template.matchAll(/\.Values\.([A-Za-z]+)/g)].map((m) => m[1] as string))
    assert.ok(key in values, `values.yaml defines ${key}`);
});
