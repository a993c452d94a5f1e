import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryInventory } from '../../test-support/memory-advisory-lookup.js';
import { testSbom } from '../../test-support/test-sbom.js';
import type { OsvRecord } from '../advisory/osv-types.js';
import type { OSInfo, Package } from '../sbom/model.js';
import { endOfLife } from '../scan/os-eol.js';
import { findMissingData } from './coverage.js';

function record(id: string, ecosystem: string, name: string): OsvRecord {
  return { id, modified: '2024-01-01T00:00:00Z', affected: [{ package: { ecosystem, name } }] };
}

function pkg(type: Package['type'], name: string): Package {
  return { type, name, version: '1.0', location: { path: 'x' } };
}

const sbom = (os: OSInfo | undefined, packages: Package[]) => testSbom(packages, os);
const inventoryOf = memoryInventory;

const alpine311: OSInfo = { family: 'alpine', version: '3.11.6', name: 'Alpine Linux v3.11' };
const debian12: OSInfo = { family: 'debian', version: '12', name: 'Debian GNU/Linux 12 (bookworm)' };

describe('findMissingData', () => {
  it('Alpine 3.11 against a database with only v3.20: no data for the release', () => {
    const gaps = findMissingData(
      sbom(alpine311, [pkg('apk', 'musl'), pkg('apk', 'busybox')]),
      inventoryOf([record('ALPINE-1', 'Alpine:v3.20', 'musl')]),
    );
    assert.deepEqual(
      gaps.map((g) => [g.reason, g.ecosystem, g.packages]),
      [['no-data-for-release', 'Alpine:v3.11', 2]],
    );
    assert.match(
      gaps[0]!.message,
      /^Alpine:v3\.11: 2 OS packages not checked: the database has no advisories for this OS release$/,
    );
  });

  it('a Debian image with Go packages against Go-only data: Debian:12 has no data', () => {
    const gaps = findMissingData(
      sbom(debian12, [pkg('deb', 'libc6'), pkg('golang', 'stdlib')]),
      inventoryOf([record('GO-1', 'Go', 'other')]),
    );
    assert.deepEqual(
      gaps.map((g) => [g.reason, g.ecosystem, g.packages]),
      [['no-data-for-ecosystem', 'Debian:12', 1]],
    );
  });

  it('an empty database: every ecosystem says so', () => {
    const gaps = findMissingData(
      sbom(debian12, [pkg('deb', 'libc6'), pkg('npm', 'lodash')]),
      inventoryOf([]),
    );
    assert.deepEqual(
      gaps.map((g) => [g.reason, g.ecosystem]),
      [
        ['empty-database', 'Debian:12'],
        ['empty-database', 'npm'],
      ],
    );
  });

  it('rpm packages on an OS no matcher knows are unsupported; generic files are not counted', () => {
    const gaps = findMissingData(
      sbom({ family: 'unknown', version: '', name: 'Mystery OS' }, [pkg('rpm', 'bash'), pkg('generic', 'x')]),
      inventoryOf([record('GO-1', 'Go', 'other')]),
    );
    assert.deepEqual(
      gaps.map((g) => [g.reason, g.ecosystem, g.packages]),
      [['unsupported', 'rpm (Mystery OS)', 1]],
    );
  });

  it('ecosystems without a matcher (conda, CocoaPods) are unsupported, never silently clean', () => {
    const gaps = findMissingData(
      sbom(debian12, [pkg('conda', 'numpy'), pkg('conda', 'openssl'), pkg('cocoapods', 'Alamofire')]),
      inventoryOf([record('DEBIAN-1', 'Debian:12', 'zlib')]),
    );
    assert.deepEqual(
      gaps.map((g) => [g.reason, g.ecosystem, g.packages]),
      [
        ['unsupported', 'cocoapods', 1],
        ['unsupported', 'conda', 2],
      ],
    );
  });

  it('a runtime built from source (generic node) without Bitnami data is counted; other generic files are not', () => {
    const gaps = findMissingData(
      sbom(debian12, [pkg('generic', 'node'), pkg('generic', 'some-binary')]),
      inventoryOf([record('DEBIAN-1', 'Debian:12', 'zlib')]),
    );
    assert.deepEqual(
      gaps.map((g) => [g.reason, g.ecosystem, g.packages]),
      [['no-data-for-ecosystem', 'Bitnami', 1]],
    );
  });

  it('Echo: its own ecosystem when os-release says echo, unsupported when the ID is one Bulwark does not know', () => {
    const data = inventoryOf([record('DEBIAN-1', 'Debian:12', 'libc6')]);
    const echo = findMissingData(
      sbom({ family: 'echo', version: '', name: 'Echo' }, [pkg('deb', 'libc6')]),
      data,
    );
    assert.deepEqual(
      echo.map((g) => [g.reason, g.ecosystem, g.packages]),
      [['no-data-for-ecosystem', 'Echo', 1]],
    );
    const unknown = findMissingData(
      sbom({ family: 'unknown', version: '', name: 'Echo Hardened' }, [pkg('deb', 'libc6')]),
      data,
    );
    assert.deepEqual(
      unknown.map((g) => [g.reason, g.ecosystem, g.packages]),
      [['unsupported', 'deb (Echo Hardened)', 1]],
    );
  });

  it('covered packages give no warning', () => {
    const gaps = findMissingData(
      sbom(debian12, [pkg('deb', 'libc6')]),
      inventoryOf([record('DEBIAN-1', 'Debian:12', 'zlib')]),
    );
    assert.deepEqual(gaps, []);
  });
});

describe('endOfLife', () => {
  const now = new Date('2026-11-28T00:00:00Z');
  it('flags Alpine 3.11 and Debian 10, not Debian 12', () => {
    assert.equal(endOfLife(alpine311, now), '2021-11-01');
    assert.equal(endOfLife({ family: 'debian', version: '10', name: 'Debian 10' }, now), '2024-06-30');
    assert.equal(endOfLife(debian12, now), undefined);
  });
  it('a release is not end-of-life before its date', () =>
    assert.equal(
      endOfLife({ family: 'debian', version: '10', name: 'Debian 10' }, new Date('2024-06-01')),
      undefined,
    ));
  it('Alpine branches older than the table are end-of-life', () =>
    assert.equal(
      endOfLife({ family: 'alpine', version: '3.9.4', name: 'Alpine' }, now),
      'before 2021-05-01',
    ));
});
