import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OSFamily } from './model.js';
import { osFamilyOf } from './os-family.js';

test('os-release IDs and SBOM spellings map to one family each', () => {
  const cases: [string, OSFamily | undefined][] = [
    ['debian', 'debian'],
    ['Ubuntu', 'ubuntu'],
    ['amzn', 'amazon'],
    ['amazon', 'amazon'],
    ['ol', 'oracle'],
    ['redhat', 'rhel'],
    ['rhel', 'rhel'],
    ['alma', 'almalinux'],
    ['sled', 'sles'],
    ['SUSE Linux Enterprise Server', 'sles'],
    ['opensuse', 'opensuse-leap'],
    ['opensuse.tumbleweed', 'opensuse-tumbleweed'],
    ['azurelinux', 'mariner'],
    ['cbl-mariner', 'mariner'],
    ['openEuler', 'openeuler'],
    ['mageia', 'mageia'],
    ['gentoo', undefined],
    ['constructor', undefined], // an Object.prototype key is not a distribution
    ['', undefined],
  ];
  for (const [name, family] of cases) assert.equal(osFamilyOf(name), family, name);
});

test('every family but unknown is found under its own name', () => {
  // A Record over the union: adding a family to model.ts without listing it here fails to compile.
  const families: Record<Exclude<OSFamily, 'unknown'>, true> = {
    debian: true,
    ubuntu: true,
    alpine: true,
    wolfi: true,
    chainguard: true,
    rhel: true,
    centos: true,
    rocky: true,
    almalinux: true,
    fedora: true,
    amazon: true,
    oracle: true,
    sles: true,
    'opensuse-leap': true,
    'opensuse-tumbleweed': true,
    photon: true,
    mariner: true,
    openeuler: true,
    mageia: true,
    minimos: true,
    echo: true,
  };
  for (const family of Object.keys(families)) assert.equal(osFamilyOf(family), family);
});
