import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeLayer, writeDockerArchive } from '../../src/test-support/make-image.js';
import { type CliResult, runCli } from '../../src/test-support/run-cli.js';

/** A one-package Debian 12 image (jq) and a record that affects it, for CLI tests. */
export const debianLayer = [
  { name: 'etc/os-release', content: 'ID=debian\nVERSION_ID="12"\n' },
  { name: 'var/lib/dpkg/status', content: 'Package: jq\nStatus: install ok installed\nVersion: 1.6-2.1\n' },
];

export const jqRecord = {
  schema_version: '1.6.0',
  id: 'CVE-2099-0001',
  modified: '2024-01-01T00:00:00Z',
  published: '2024-01-01T00:00:00Z',
  summary: 'jq: heap overflow in the parser',
  aliases: ['DSA-9999-1'],
  affected: [
    {
      package: { ecosystem: 'Debian:12', name: 'jq' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.6-2.1+deb12u1' }] }],
    },
  ],
};

export interface Workspace {
  dir: string;
  cli(args: string[], env?: NodeJS.ProcessEnv): Promise<CliResult>;
}

/**
 * A temp working directory holding `image.tar` and `db/vuln.db` (imported through the
 * CLI from `records`). No daemon is reachable: DOCKER_HOST points at nothing.
 */
export async function workspace(prefix: string, records: object[] = [jqRecord]): Promise<Workspace> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const cli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    runCli(args, {
      cwd: dir,
      env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock', BULWARK_CACHE_DIR: join(dir, 'cache'), ...env },
    });
  await writeDockerArchive(join(dir, 'image.tar'), [await makeLayer(debianLayer)]);
  await writeFile(join(dir, 'records.json'), JSON.stringify(records));
  const imported = await cli(['db', 'import', 'records.json', '--db', 'db/vuln.db']);
  assert.equal(imported.code, 0, imported.stderr);
  return { dir, cli };
}
