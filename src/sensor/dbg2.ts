import { connectDocker } from '../core/source/docker/docker-client.js';
import { testDocker } from '../test-support/components.js';
import { docker as dk } from '../test-support/sensor-harness.js';

const id = (
  await dk(['run', '-d', 'bulwark-test/sensor-debian:latest', 'sh', '-c', 'echo hi > /etc/x; sleep 60'])
).trim();
await new Promise((r) => setTimeout(r, 1000));
const { docker } = await connectDocker({ host: testDocker().host });
const ch = await docker.getContainer(id).changes();
console.log(typeof ch, Array.isArray(ch), JSON.stringify(ch).slice(0, 300));
await dk(['rm', '-f', id]);
