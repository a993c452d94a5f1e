import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { testRegistry } from '../../src/test-support/components.js';
import { runCli } from '../../src/test-support/run-cli.js';

// What a user sees when a registry refuses, lacks, garbles or ignores a request:
// one `error[CODE]: …` line and exit code 2. 401 and 404 come from the real
// htpasswd-protected registry; garbage and silence need a misbehaving server, so
// those two use a stand-in on loopback.
let misbehaving: Server;
let port: number;

before(async () => {
  misbehaving = createServer((req, res) => {
    if (req.url?.startsWith('/v2/hang/')) return; // never answers
    if (req.url === '/v2/') {
      res.writeHead(200).end('{}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' }).end('<html>garbage');
  });
  await new Promise<void>((resolve) => misbehaving.listen(0, '127.0.0.1', resolve));
  port = (misbehaving.address() as AddressInfo).port;
});
after(() => {
  misbehaving.closeAllConnections();
  misbehaving.close();
});

async function sbom(args: string[]) {
  const result = await runCli(['sbom', '--no-cache', ...args], {
    env: { BULWARK_REGISTRY_USERNAME: '', BULWARK_REGISTRY_PASSWORD: '', DOCKER_CONFIG: '/nonexistent' },
  });
  const lines = result.stderr.trim().split('\n');
  assert.equal(result.code, 2, result.stderr);
  assert.equal(lines.length, 1, result.stderr);
  assert.equal(result.stdout, '');
  return lines[0] as string;
}

describe('bulwark sbom against a registry that says no', () => {
  test('401: no or wrong credentials', async () => {
    const { host } = testRegistry();
    assert.match(await sbom([`registry:${host}/any/image:1`]), /^error\[REGISTRY_AUTH\]: /);
    assert.match(
      await sbom(['--username', 'bulwark', '--password', 'wrong', `registry:${host}/any/image:1`]),
      /^error\[REGISTRY_AUTH\]: /,
    );
  });

  test('404: a repository that does not exist', async () => {
    const { host, username, password } = testRegistry();
    const line = await sbom(['--username', username, '--password', password, `registry:${host}/no/such:tag`]);
    assert.match(line, /^error\[REGISTRY_NOT_FOUND\]: .*no\/such/);
  });

  test('garbage instead of a manifest (stand-in server)', async () => {
    assert.match(
      await sbom([`registry:127.0.0.1:${port}/garbage/image:1`]),
      /^error\[REGISTRY_BAD_RESPONSE\]: /,
    );
  });

  test('a registry that never answers times out (stand-in server)', async () => {
    const line = await sbom(['--timeout', '1', `registry:127.0.0.1:${port}/hang/image:1`]);
    assert.match(line, /^error\[REGISTRY_TIMEOUT\]: /);
  });
});
