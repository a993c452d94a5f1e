/**
 * Name rules applied on both sides: advisories indexed at import under the rule, and
 * packages looked up under it — through a real database built by `importAdvisories`.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { importedStore } from '../../test-support/imported-store.js';
import { testSbom } from '../../test-support/test-sbom.js';
import type { Package } from '../sbom/model.js';
import { explainVulnerability } from '../scan/explain.js';
import { matchSbom } from './match-sbom.js';

const records = join(import.meta.dirname, 'name-rules-testdata');
const store = importedStore([records]);

const sbomOf = (pkg: Omit<Package, 'location'>) => testSbom([{ ...pkg, location: { path: 'app/lock' } }]);

describe('name rules at import and lookup', () => {
  const cases: { name: string; pkg: Omit<Package, 'location'>; want: string[] }[] = [
    {
      name: 'NuGet: a lockfile spelling newtonsoft.json meets the GHSA spelling Newtonsoft.Json',
      pkg: { type: 'nuget', name: 'newtonsoft.json', version: '12.0.3' },
      want: ['CVE-2024-21907'],
    },
    {
      name: 'NuGet: the GHSA spelling itself still matches',
      pkg: { type: 'nuget', name: 'Newtonsoft.Json', version: '12.0.3' },
      want: ['CVE-2024-21907'],
    },
    {
      name: 'NuGet: fixed version, any case → nothing',
      pkg: { type: 'nuget', name: 'NEWTONSOFT.JSON', version: '13.0.1' },
      want: [],
    },
    {
      name: 'Packagist: PHPMailer/PHPMailer from an old lockfile meets phpmailer/phpmailer',
      pkg: { type: 'composer', name: 'PHPMailer/PHPMailer', version: '6.4.0' },
      want: ['CVE-2020-36326'],
    },
    {
      name: 'Go is case-sensitive: golang.org/X/net is another module',
      pkg: { type: 'golang', name: 'golang.org/X/net', version: 'v0.0.0-20200202094626-16171245cfb2' },
      want: [],
    },
    {
      name: 'Go: the exact path matches',
      pkg: { type: 'golang', name: 'golang.org/x/net', version: 'v0.0.0-20200202094626-16171245cfb2' },
      want: ['CVE-2021-33194'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const found = matchSbom(sbomOf(c.pkg), store()).map((f) => f.id);
      assert.deepEqual(found, c.want);
    });
  }

  it('explain names the advisory and the lower-cased lookup for a mixed-case NuGet id', () => {
    const explained = explainVulnerability(
      sbomOf({ type: 'nuget', name: 'newtonsoft.json', version: '13.0.1' }),
      store(),
      'CVE-2024-21907',
    );
    assert.equal(!explained.evaluations.some((e) => e.status === 'affected'), true);
    assert.equal(explained.evaluations.length, 1);
    assert.equal(explained.evaluations[0]?.record.id, 'GHSA-5crp-9r3c-p9vr');
    assert.equal(explained.evaluations[0]?.status, 'not-affected');
  });
});
