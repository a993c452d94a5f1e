import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyLicense, LicenseRefs, spdxExpressionFor } from './license-expression.js';

describe('classifyLicense', () => {
  const table: [string, ReturnType<typeof classifyLicense>][] = [
    ['MIT', { kind: 'id', id: 'MIT' }],
    ['mit', { kind: 'id', id: 'MIT' }],
    ['apache-2.0', { kind: 'id', id: 'Apache-2.0' }],
    ['MIT OR Apache-2.0', { kind: 'expression', expression: 'MIT OR Apache-2.0' }],
    [
      '(MIT OR Apache-2.0) AND BSD-3-Clause',
      { kind: 'expression', expression: '(MIT OR Apache-2.0) AND BSD-3-Clause' },
    ],
    [
      'GPL-2.0-or-later WITH Classpath-exception-2.0',
      { kind: 'expression', expression: 'GPL-2.0-or-later WITH Classpath-exception-2.0' },
    ],
    ['LGPL-2.1+', { kind: 'id', id: 'LGPL-2.1+' }],
    ['GPL-2.0+', { kind: 'id', id: 'GPL-2.0+' }],
    ['EPL-1.0+', { kind: 'expression', expression: 'EPL-1.0+' }],
    ['LicenseRef-acme', { kind: 'expression', expression: 'LicenseRef-acme' }],
    ['GPL-2+', { kind: 'name', name: 'GPL-2+' }],
    ['BSD-like', { kind: 'name', name: 'BSD-like' }],
    ['MIT and Apache-2.0', { kind: 'name', name: 'MIT and Apache-2.0' }],
    ['MIT OR', { kind: 'name', name: 'MIT OR' }],
    ['(MIT', { kind: 'name', name: '(MIT' }],
    ['public domain', { kind: 'name', name: 'public domain' }],
  ];
  for (const [text, want] of table) it(text, () => assert.deepEqual(classifyLicense(text), want));
});

describe('spdxExpressionFor', () => {
  it('joins ids, keeps expressions grouped and turns names into LicenseRefs', () => {
    const refs = new LicenseRefs();
    assert.equal(
      spdxExpressionFor(['MIT OR Apache-2.0', 'Zlib', 'GPL-2+', 'BSD-like'], refs),
      '(MIT OR Apache-2.0) AND Zlib AND LicenseRef-GPL-2-plus AND LicenseRef-BSD-like',
    );
    assert.deepEqual(refs.entries(), [
      { licenseId: 'LicenseRef-GPL-2-plus', name: 'GPL-2+' },
      { licenseId: 'LicenseRef-BSD-like', name: 'BSD-like' },
    ]);
  });

  it('gives distinct names distinct refs even when they sanitise alike', () => {
    const refs = new LicenseRefs();
    const a = refs.refFor('GPL 2');
    const b = refs.refFor('GPL/2');
    assert.notEqual(a, b);
    assert.equal(refs.refFor('GPL 2'), a);
  });

  it('says NOASSERTION when nothing is known', () => {
    assert.equal(spdxExpressionFor(undefined, new LicenseRefs()), 'NOASSERTION');
    assert.equal(spdxExpressionFor(['  '], new LicenseRefs()), 'NOASSERTION');
  });
});
