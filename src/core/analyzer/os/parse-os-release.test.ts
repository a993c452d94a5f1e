import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { OSInfo } from '../../sbom/model.js';
import { osReleaseAnalyzer } from './os-release-analyzer.js';
import { parseOsRelease, parseReleaseLine } from './parse-os-release.js';
import { pickOS } from './pick-os.js';

// Each text is the distribution's real os-release (trimmed to the fields read).
const cases: [string, string, OSInfo][] = [
  [
    'Alpine 3.20',
    'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.20.3\nPRETTY_NAME="Alpine Linux v3.20"\n',
    { family: 'alpine', version: '3.20.3', name: 'Alpine Linux v3.20' },
  ],
  [
    'Ubuntu 22.04',
    'PRETTY_NAME="Ubuntu 22.04.4 LTS"\nNAME="Ubuntu"\nVERSION_ID="22.04"\nID=ubuntu\nID_LIKE=debian\nVERSION_CODENAME=jammy\n',
    { family: 'ubuntu', version: '22.04', name: 'Ubuntu 22.04.4 LTS', codename: 'jammy' },
  ],
  [
    'distroless',
    'PRETTY_NAME="Distroless"\nNAME="Debian GNU/Linux"\nID="debian"\nVERSION_ID="12"\nVERSION="Debian GNU/Linux 12 (bookworm)"\n',
    { family: 'debian', version: '12', name: 'Distroless', distroless: true },
  ],
  [
    'Rocky 9',
    'NAME="Rocky Linux"\nVERSION="9.3 (Blue Onyx)"\nID="rocky"\nID_LIKE="rhel centos fedora"\nVERSION_ID="9.3"\nPRETTY_NAME="Rocky Linux 9.3 (Blue Onyx)"\n',
    { family: 'rocky', version: '9.3', name: 'Rocky Linux 9.3 (Blue Onyx)' },
  ],
  [
    'Debian sid (no VERSION_ID)',
    'PRETTY_NAME="Debian GNU/Linux trixie/sid"\nNAME="Debian GNU/Linux"\nVERSION_CODENAME=trixie\nID=debian\n',
    { family: 'debian', version: '', name: 'Debian GNU/Linux trixie/sid', codename: 'trixie' },
  ],
  [
    'unknown ID with a known ID_LIKE',
    'ID=pop\nID_LIKE="ubuntu debian"\nVERSION_ID="22.04"\nNAME="Pop!_OS"\n',
    { family: 'ubuntu', version: '22.04', name: 'Pop!_OS' },
  ],
];

for (const [label, text, expected] of cases) {
  test(`os-release: ${label}`, () => assert.deepEqual(parseOsRelease(text), expected));
}

test("this machine's own os-release", () => {
  const os = parseOsRelease(readFileSync('/usr/lib/os-release', 'utf8'));
  const versionId = /VERSION_ID="?(\d+)/.exec(readFileSync('/usr/lib/os-release', 'utf8'))?.[1];
  assert.equal(os?.family, 'debian');
  assert.equal(os?.version, versionId);
});

test('release-line files of the Red Hat family', () => {
  assert.deepEqual(parseReleaseLine('Red Hat Enterprise Linux release 8.9 (Ootpa)\n'), {
    family: 'rhel',
    version: '8.9',
    name: 'Red Hat Enterprise Linux release 8.9 (Ootpa)',
  });
  assert.equal(parseReleaseLine('CentOS Linux release 7.9.2009 (Core)')?.family, 'centos');
  assert.equal(parseReleaseLine('garbage'), undefined);
});

test('an os-release without ID is an unknown, not a crash', async () => {
  const result = await osReleaseAnalyzer.analyze({
    path: 'etc/os-release',
    size: 5,
    mode: 0o644,
    content: Buffer.from('NAME=x'),
    tempDir: '/nonexistent',
  });
  assert.deepEqual(result, { unknowns: [{ path: 'etc/os-release', reason: 'os-release has no ID field' }] });
});

test('pickOS prefers os-release and borrows a version from debian_version on testing', () => {
  const sid = parseOsRelease('ID=debian\nPRETTY_NAME="Debian GNU/Linux trixie/sid"\n') as OSInfo;
  const picked = pickOS(
    [
      { path: 'usr/lib/os-release', os: sid },
      { path: 'etc/debian_version', os: { family: 'debian', version: '', name: 'Debian trixie/sid' } },
    ],
    (p) => (p === 'etc/os-release' ? 'usr/lib/os-release' : p),
  );
  assert.deepEqual(picked, sid);
  const ubuntu = pickOS(
    [
      { path: 'etc/os-release', os: { family: 'ubuntu', version: '22.04', name: 'Ubuntu' } },
      { path: 'etc/debian_version', os: { family: 'debian', version: '', name: 'Debian bookworm/sid' } },
    ],
    (p) => p,
  );
  assert.equal(ubuntu?.family, 'ubuntu');
});
