import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parsePackageResolved, swiftUrlName } from './parse-package-resolved.js';
import { swiftAnalyzer } from './swift-analyzer.js';

const read = (name: string) => readFileSync(join(import.meta.dirname, 'testdata', name), 'utf8');

describe('Package.resolved', () => {
  it('v2: versioned pins under their SwiftURL names; a branch pin skipped', () => {
    const r = parsePackageResolved(read('Package.resolved.v2'), 'app/Package.resolved');
    assert.deepEqual(
      r.packages.map((p) => `${p.name}@${p.version}`),
      ['github.com/apple/swift-log@1.5.3', 'github.com/apple/swift-nio@2.58.0'],
    );
  });

  it('v1: object.pins with repositoryURL', () => {
    const r = parsePackageResolved(read('Package.resolved.v1'), 'Package.resolved');
    assert.deepEqual(
      r.packages.map((p) => `${p.name}@${p.version}`),
      ['github.com/apple/swift-nio@2.58.0'],
    );
  });

  it('URL forms', () => {
    assert.equal(swiftUrlName('git@github.com:vapor/vapor.git'), 'github.com/vapor/vapor');
    assert.equal(swiftUrlName('https://user@gitlab.com/a/b/'), 'gitlab.com/a/b');
    assert.equal(swiftUrlName('nowhere'), undefined);
  });

  it('broken files are unknowns', () => {
    assert.match(parsePackageResolved('{"pins": [', 'P').unknowns[0]?.reason ?? '', /truncated|malformed/);
    assert.match(parsePackageResolved('{"version": 2}', 'P').unknowns[0]?.reason ?? '', /no pins/);
  });

  const wants: [string, boolean][] = [
    ['app/Package.resolved', true],
    ['app/App.xcodeproj/project.xcworkspace/xcshareddata/swiftpm/Package.resolved', true],
    ['app/.build/checkouts/swift-nio/Package.resolved', false],
  ];
  for (const [path, want] of wants) {
    it(`wants ${path} → ${want}`, () =>
      assert.equal(swiftAnalyzer.wants({ path, size: 1, mode: 0o644 }), want));
  }
});
