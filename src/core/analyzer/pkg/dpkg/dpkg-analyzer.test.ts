import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dpkgAnalyzer } from './dpkg-analyzer.js';

const analyze = (path: string, text: string) =>
  dpkgAnalyzer.analyze({
    path,
    size: text.length,
    mode: 0o644,
    content: Buffer.from(text),
    tempDir: '/nonexistent',
  });

test('wants the status file, distroless status.d entries and dpkg file lists only', () => {
  const wants = (path: string) => dpkgAnalyzer.wants({ path, size: 10, mode: 0o644 });
  assert.ok(wants('var/lib/dpkg/status'));
  assert.ok(wants('var/lib/dpkg/status.d/base-files'));
  assert.ok(wants('var/lib/dpkg/status.d/libssl3.md5sums'));
  assert.ok(wants('var/lib/dpkg/info/libc6:amd64.list'));
  assert.ok(!wants('var/lib/dpkg/status-old'));
  assert.ok(!wants('var/lib/dpkg/info/libc6:amd64.md5sums'));
  assert.ok(!wants('var/lib/dpkg/status.d/sub/dir'));
  assert.ok(!wants('usr/share/doc/dpkg/status'));
});

// The shape of gcr.io/distroless/base-debian12: one paragraph per file in status.d,
// no Status field, and a `.md5sums` beside it naming the package's files.
test('reads a distroless status.d entry and its md5sums as owned files', () => {
  const entry = analyze(
    'var/lib/dpkg/status.d/libssl3',
    'Package: libssl3\nVersion: 3.0.15-1~deb12u1\nArchitecture: amd64\nSource: openssl\n',
  );
  assert.deepEqual(entry, {
    packages: [
      {
        type: 'deb',
        name: 'libssl3',
        version: '3.0.15-1~deb12u1',
        arch: 'amd64',
        source: { name: 'openssl', version: '3.0.15-1~deb12u1' },
      },
    ],
    unknowns: [],
  });
  const sums = analyze(
    'var/lib/dpkg/status.d/libssl3.md5sums',
    'a1b2c3  usr/lib/x86_64-linux-gnu/libssl.so.3\nd4e5f6  usr/share/doc/libssl3/changelog.Debian.gz\n',
  );
  assert.deepEqual(sums, {
    ownedFiles: ['usr/lib/x86_64-linux-gnu/libssl.so.3', 'usr/share/doc/libssl3/changelog.Debian.gz'],
  });
});

test('a .list file names the owned files without the leading slash or the root', () => {
  assert.deepEqual(analyze('var/lib/dpkg/info/jq.list', '/.\n/usr\n/usr/bin/jq\n'), {
    ownedFiles: ['usr', 'usr/bin/jq'],
  });
});
