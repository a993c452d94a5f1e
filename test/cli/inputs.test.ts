import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { makeLayer, sha256, writeDockerArchive } from '../../src/test-support/make-image.js';
import { runCli } from '../../src/test-support/run-cli.js';

// Paths as users type them: recognised by content, never sent to a daemon or registry.
// DOCKER_HOST points at nothing, so any attempt to reach a daemon would show in the error.
let work: string;
const env = { DOCKER_HOST: 'unix:///nonexistent/docker.sock', BULWARK_CACHE_DIR: '' };
const cli = (args: string[]) =>
  runCli(args, { cwd: work, env: { ...env, BULWARK_CACHE_DIR: join(work, 'cache') } });

const debian = [
  { name: 'etc/os-release', content: 'ID=debian\nVERSION_ID="12"\n' },
  { name: 'var/lib/dpkg/status', content: 'Package: jq\nStatus: install ok installed\nVersion: 1.6-2.1\n' },
];

const jqRecord = {
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

/** An OCI image layout written by hand from the same layer (uncompressed layer blob). */
async function writeOciLayout(dir: string, layer: Buffer): Promise<void> {
  const blobs = join(dir, 'blobs', 'sha256');
  await mkdir(blobs, { recursive: true });
  const put = async (bytes: Buffer) => {
    const digest = sha256(bytes);
    await writeFile(join(blobs, digest.slice(7)), bytes);
    return { digest, size: bytes.length };
  };
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: [sha256(layer)] },
    }),
  );
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...(await put(config)) },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', ...(await put(layer)) }],
    }),
  );
  const index = {
    schemaVersion: 2,
    manifests: [
      {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        ...(await put(manifest)),
        annotations: { 'org.opencontainers.image.ref.name': 'latest' },
      },
    ],
  };
  await writeFile(join(dir, 'index.json'), JSON.stringify(index));
  await writeFile(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'bulwark-inputs-'));
  const layer = await makeLayer(debian);
  await writeDockerArchive(join(work, 'image.tar'), [layer]);
  await writeDockerArchive(join(work, 'image.tar.gz'), [layer], { gzip: true });
  await writeOciLayout(join(work, 'layout'), layer);
  execFileSync('tar', ['-C', join(work, 'layout'), '-cf', join(work, 'oci.tar'), '.']);
  await writeFile(join(work, 'jq.json'), JSON.stringify(jqRecord));
  const imported = await cli(['db', 'import', 'jq.json', '--db', 'db/vuln.db']);
  assert.equal(imported.code, 0, imported.stderr);
});
after(() => rm(work, { recursive: true, force: true }));

const names = (stdout: string) => (JSON.parse(stdout).packages as { name: string }[]).map((p) => p.name);

describe('plain paths are recognised by what the file is', () => {
  for (const [path, kind] of [
    ['image.tar', 'docker-archive'],
    ['./image.tar', 'docker-archive'],
    ['image.tar.gz', 'docker-archive'],
    ['layout', 'oci'],
    ['oci.tar', 'oci-archive'],
  ]) {
    test(`bulwark sbom ${path} reads it as ${kind}`, async () => {
      const result = await cli(['sbom', '-f', 'json', path as string]);
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(names(result.stdout), ['jq']);
      assert.equal(JSON.parse(result.stdout).image.kind, kind);
    });
  }

  test('--input FILE, as Trivy spells it', async () => {
    const result = await cli(['sbom', '-f', 'json', '--input', 'image.tar']);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(names(result.stdout), ['jq']);
    const both = await cli(['sbom', '--input', 'image.tar', 'image.tar']);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /either REF .* or --input, not both/);
  });

  test('a plain image.tar path scans, and an SBOM path is scanned as an SBOM', async () => {
    const image = await cli(['scan', 'image', '--db', 'db/vuln.db', '-f', 'json', 'image.tar']);
    assert.equal(image.code, 0, image.stderr);
    assert.deepEqual(
      JSON.parse(image.stdout).findings.map((f: { id: string }) => f.id),
      ['CVE-2099-0001'],
    );
    const bom = await cli(['sbom', '-f', 'cyclonedx', '-o', 'bom.json', 'image.tar']);
    assert.equal(bom.code, 0, bom.stderr);
    const viaSbom = await cli(['scan', 'image', '--db', 'db/vuln.db', '-f', 'json', './bom.json']);
    assert.equal(viaSbom.code, 0, viaSbom.stderr);
    assert.deepEqual(
      JSON.parse(viaSbom.stdout).findings.map((f: { id: string }) => f.id),
      ['CVE-2099-0001'],
    );
    const explained = await cli(['explain', '--db', 'db/vuln.db', 'CVE-2099-0001', 'bom.json']);
    assert.equal(explained.code, 0, explained.stderr);
    assert.match(explained.stdout, /IS affected by CVE-2099-0001/);
    const converted = await cli(['sbom', '-f', 'json', 'bom.json']);
    assert.equal(converted.code, 0, converted.stderr);
    assert.deepEqual(names(converted.stdout), ['jq']);
  });

  test('a missing path is an error, never a registry lookup', async () => {
    for (const path of ['./missing.tar', 'missing.tar', '/nonexistent/image.tar.gz', 'bom.cdx.json']) {
      const result = await cli(['sbom', path]);
      assert.equal(result.code, 2);
      assert.match(result.stderr, /^error\[IMAGE_NOT_FOUND\]: .*no such file or directory\n$/);
      assert.doesNotMatch(result.stderr, /registry|daemon/);
    }
  });

  test('a file that is none of those says so', async () => {
    await writeFile(join(work, 'notes.txt'), 'hello');
    const text = await cli(['sbom', 'notes.txt']);
    assert.equal(text.code, 2);
    assert.match(text.stderr, /^error\[INPUT_INVALID\]: notes.txt: not an image archive/);
    await mkdir(join(work, 'plain-dir'), { recursive: true });
    const dir = await cli(['sbom', './plain-dir']);
    assert.equal(dir.code, 2);
    assert.match(dir.stderr, /plain-dir: a directory, but not an OCI image layout/);
    const tar = await cli(['sbom', 'cache.tar']);
    assert.equal(tar.code, 2);
  });
});

describe('flags as users type them', () => {
  test('format names in any case, and -o - is stdout', async () => {
    const upper = await cli(['sbom', '-f', 'JSON', '-o', '-', 'image.tar']);
    assert.equal(upper.code, 0, upper.stderr);
    assert.deepEqual(names(upper.stdout), ['jq']);
    const scan = await cli(['scan', 'image', '--db', 'db/vuln.db', '-f', 'Json', '-o', '-', 'image.tar']);
    assert.equal(scan.code, 0, scan.stderr);
    assert.equal(JSON.parse(scan.stdout).findings.length, 1);
  });

  test('--db pointing at a directory says so', async () => {
    for (const args of [
      ['scan', 'image', '--db', 'db', 'image.tar'],
      ['db', 'status', '--db', 'db'],
      ['explain', '--db', 'db', 'CVE-2099-0001', 'image.tar'],
    ]) {
      const result = await cli(args);
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, /--db db: is a directory; give the database file \(e\.g\. db\/vuln\.db\)/);
    }
  });
});
