import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { docker, testDocker, testRegistry } from './components.js';

describe('test components', () => {
  it('the provisioned dockerd and registry answer', async () => {
    const { host, env } = testDocker();
    assert.match(host, /^unix:\/\/.+docker\.sock$/);
    assert.equal(env.DOCKER_HOST, host);
    assert.match(await docker(['version', '--format', '{{.Server.Version}}']), /^\d+\.\d+/);
    const registry = testRegistry();
    assert.match(registry.host, /^127\.0\.0\.1:\d+$/);
    const res = await fetch(`http://${registry.host}/v2/`, {
      headers: {
        authorization: `Basic ${Buffer.from(`${registry.username}:${registry.password}`).toString('base64')}`,
      },
    });
    assert.equal(res.status, 200, 'the provisioned credentials are accepted');
  });

  it('throws, pointing at provision.sh, when the components are not provisioned', async () => {
    const saved = process.env.BULWARK_TEST_STATE;
    const empty = await mkdtemp(join(tmpdir(), 'bulwark-state-'));
    try {
      process.env.BULWARK_TEST_STATE = empty;
      assert.throws(() => testDocker(), /provision\.sh/);
      assert.throws(() => testRegistry(), /provision\.sh/);
      // An env file naming components that are not running.
      await writeFile(
        join(empty, 'env'),
        `export BULWARK_TEST_DOCKER_HOST=unix://${empty}/docker.sock\nexport BULWARK_TEST_REGISTRY=127.0.0.1:1\nexport BULWARK_TEST_REGISTRY_USER=u\nexport BULWARK_TEST_REGISTRY_PASSWORD=p\n`,
      );
      assert.throws(() => testDocker(), /not running.*provision\.sh/);
      assert.throws(() => testRegistry(), /not up.*provision\.sh/);
    } finally {
      if (saved === undefined) delete process.env.BULWARK_TEST_STATE;
      else process.env.BULWARK_TEST_STATE = saved;
      await rm(empty, { recursive: true, force: true });
    }
  });
});
