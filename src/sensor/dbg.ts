import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docker, newScope, sensorTestOptions, startSensorServer } from '../test-support/sensor-harness.js';
import { SensorAgent } from './agent/sensor-agent.js';

const dir = await mkdtemp(join(tmpdir(), 'dbg-'));
const server = await startSensorServer();
const scope = newScope();
const agent = new SensorAgent(sensorTestOptions(server, join(dir, 's'), scope));
await agent.start();
const id = (
  await docker(['run', '-d', '--label', scope, 'bulwark-test/sensor-debian:latest', 'sleep', '600'])
).trim();
await new Promise((r) => setTimeout(r, 3000));
await agent.scansIdle();
await new Promise((r) => setTimeout(r, 2000));
console.log(await server.view());
console.log((await readFile(join(dir, 's/logs/sensor.log'), 'utf8')).slice(0, 4000));
await docker(['rm', '-f', id]);
await agent.stop();
await server.close();
