import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import type { EntrySpec } from '../../test-support/make-image.js';
import { makeLayer, sha256 } from '../../test-support/make-image.js';
import { osReleaseAnalyzer } from '../analyzer/os/os-release-analyzer.js';
import { dpkgAnalyzer } from '../analyzer/pkg/dpkg/dpkg-analyzer.js';
import type { Analyzer } from '../analyzer/types.js';
import { isBulwarkError } from '../errors.js';
import { walkLayer } from '../layer/walk-layer.js';
import { applyLayers } from './apply-layers.js';

/** Stands in for a language analyzer: every `*.pkg` file names one npm package. */
const fakeLang: Analyzer = {
  name: 'test/lang',
  version: 1,
  wants: ({ path }) => path.endsWith('.pkg'),
  analyze: ({ content }) => {
    const [name, version] = content.toString().trim().split('@');
    return { packages: [{ type: 'npm', name: name as string, version: version as string }] };
  },
};
const analyzers = [osReleaseAnalyzer, dpkgAnalyzer, fakeLang];

const status = (...pkgs: [string, string, string?][]) =>
  pkgs
    .map(([name, version, source]) =>
      [`Package: ${name}`, 'Status: install ok installed', 'Architecture: amd64', `Version: ${version}`]
        .concat(source ? [`Source: ${source}`] : [])
        .join('\n'),
    )
    .join('\n\n');

async function image(layers: EntrySpec[][]) {
  const walked = [];
  for (const [index, entries] of layers.entries()) {
    const tar = await makeLayer(entries);
    const diffID = sha256(tar);
    const result = await walkLayer(Readable.from([tar]), { analyzers, diffID, tempDir: '/nonexistent' });
    walked.push({ info: { index, diffID, digest: diffID }, result });
  }
  return applyLayers(walked);
}

const osRelease =
  'ID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n';

test('later layers replace files, whiteouts delete them, and packages keep the layer that brought them', async () => {
  const applied = await image([
    [
      { name: 'usr/lib/os-release', content: osRelease },
      { name: 'etc/os-release', type: 'symlink', linkname: '../usr/lib/os-release' },
      { name: 'var/lib/dpkg/status', content: status(['libc6', '2.36-9', 'glibc'], ['jq', '1.6-2.1']) },
      { name: 'app/old.pkg', content: 'left-pad@1.0.0' },
      { name: 'opt/tool/a.pkg', content: 'hidden@1.0.0' },
    ],
    [
      { name: 'var/lib/dpkg/status', content: status(['libc6', '2.36-9', 'glibc'], ['less', '590-2']) },
      { name: 'app/.wh.old.pkg', content: '' },
      { name: 'opt/tool/.wh..wh..opq', content: '' },
      { name: 'opt/tool/b.pkg', content: 'shown@2.0.0' },
    ],
  ]);
  assert.deepEqual(applied.os, {
    family: 'debian',
    version: '12',
    name: 'Debian GNU/Linux 12 (bookworm)',
    codename: 'bookworm',
  });
  const summary = applied.packages.map(
    (p) => `${p.name}@${p.version} L${p.location.layer?.index} ${p.location.path}`,
  );
  // Sorted by type, then name: deb packages first.
  assert.deepEqual(summary, [
    'less@590-2 L1 var/lib/dpkg/status',
    'libc6@2.36-9 L0 var/lib/dpkg/status',
    'shown@2.0.0 L1 opt/tool/b.pkg',
  ]);
  const libc = applied.packages.find((p) => p.name === 'libc6');
  assert.deepEqual(libc?.source, { name: 'glibc', version: '2.36-9' });
  assert.match(libc?.purl ?? '', /^pkg:deb\/debian\/libc6@2\.36-9\?.*arch=amd64/);
});

test('a package removed and installed again is credited to the layer that re-installed it', async () => {
  const applied = await image([
    [{ name: 'var/lib/dpkg/status', content: status(['jq', '1.6-2.1']) }],
    [{ name: 'var/lib/dpkg/status', content: status() }],
    [{ name: 'var/lib/dpkg/status', content: status(['jq', '1.6-2.1']) }],
  ]);
  assert.equal(applied.packages[0]?.location.layer?.index, 2);
});

test('language packages in files an OS package owns are not reported twice, across merged /usr', async () => {
  const applied = await image([
    [
      { name: 'lib', type: 'symlink', linkname: 'usr/lib' },
      { name: 'var/lib/dpkg/status', content: status(['node-thing', '1.0-1']) },
      { name: 'var/lib/dpkg/info/node-thing.list', content: '/.\n/lib/node/thing.pkg\n' },
      { name: 'usr/lib/node/thing.pkg', content: 'thing@1.0.0' },
      { name: 'srv/app/own.pkg', content: 'mine@3.0.0' },
    ],
  ]);
  assert.deepEqual(
    applied.packages.map((p) => p.name),
    ['node-thing', 'mine'],
  );
});

test('a symlink loop on the os-release path is a clear error', async () => {
  await assert.rejects(
    image([
      [
        { name: 'etc/os-release', type: 'symlink', linkname: 'os-release-2' },
        { name: 'etc/os-release-2', type: 'symlink', linkname: '/etc/os-release' },
      ],
    ]),
    (err) => isBulwarkError(err, 'SYMLINK_LOOP'),
  );
});
