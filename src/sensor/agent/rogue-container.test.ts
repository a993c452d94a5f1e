/**
 * A rogue container end to end: a container of the Debian image has one package removed
 * (`dpkg -r` inside it) and one added to its dpkg database; after a rescan the server
 * reports it rogue with exactly that software difference. (Vulnerability differences come
 * from the server's matching, which needs an advisory database this test does not load.)
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { openDatabase } from '../../db/dialects.js';
import { importDebianImage } from '../../test-support/debian-rootfs.js';
import {
  docker,
  eventually,
  newScope,
  sensorTestOptions,
  startSensorServer,
} from '../../test-support/sensor-harness.js';
import { SensorAgent } from './sensor-agent.js';

it('a container with a package removed and one added is reported rogue with that software difference', {
  timeout: 300_000,
}, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bulwark-sensor-rogue-'));
  const server = await startSensorServer();
  const scope = newScope();
  const name = `bulwark-rogue-${scope.split('=')[1]}`;
  await importDebianImage('bulwark-test/sensor-debian:latest');
  const agent = new SensorAgent(sensorTestOptions(server, join(dir, 'storage'), scope));
  const db = openDatabase({ dataDir: server.dataDir });
  try {
    await agent.start();
    const id = (
      await docker([
        'run',
        '-d',
        '--label',
        scope,
        '--name',
        name,
        'bulwark-test/sensor-debian:latest',
        'sleep',
        '600',
      ])
    ).trim();
    await eventually('first container scan', async () =>
      agent.state.state.containers[id] ? true : undefined,
    );
    await docker(['exec', name, 'dpkg', '-r', 'less']);
    const stanza =
      'Package: rogue-tool\nStatus: install ok installed\nPriority: optional\nSection: misc\nMaintainer: t <t@example.org>\nArchitecture: amd64\nVersion: 1.2-3\nDescription: added inside the container\n\n';
    await docker([
      'exec',
      name,
      'sh',
      '-c',
      `printf '${stanza.replace(/\n/g, '\\n')}' >> /var/lib/dpkg/status`,
    ]);
    agent.rescanContainer(id);
    const report = await eventually('rogue report', async () => {
      await agent.scansIdle();
      if (agent.queue.depth > 0) return undefined;
      const row = await db.db
        .selectFrom('containers')
        .select(['rogue_json'])
        .where('sha', '=', id)
        .executeTakeFirst();
      const r = row?.rogue_json
        ? (JSON.parse(row.rogue_json) as {
            software: { new: { name: string }[]; removed: { name: string }[] };
          })
        : undefined;
      return r && r.software.new.length > 0 ? r : undefined;
    });
    assert.deepEqual(
      report.software.new.map((s) => s.name),
      ['rogue-tool'],
    );
    assert.deepEqual(
      report.software.removed.map((s) => s.name),
      ['less'],
    );
  } finally {
    await agent.stop();
    await docker(['rm', '-f', name]).catch(() => '');
    await db.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
});
