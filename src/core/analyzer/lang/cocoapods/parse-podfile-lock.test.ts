import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cocoapodsAnalyzer } from './cocoapods-analyzer.js';
import { parsePodfileLock } from './parse-podfile-lock.js';

const text = readFileSync(join(import.meta.dirname, 'testdata', 'Podfile.lock'), 'utf8');

describe('Podfile.lock', () => {
  it('every pod once (subspecs folded into their pod); a git pod carries its origin', () => {
    const r = parsePodfileLock(text, 'ios/Podfile.lock');
    assert.deepEqual(
      r.packages.map(
        (p) => `${p.name}@${p.version}${p.origin ? ` ${p.origin.kind}:${p.origin.location}` : ''}`,
      ),
      [
        'Alamofire@5.8.1',
        'Firebase@10.18.0',
        'FirebaseCore@10.18.0',
        'FirebaseCoreInternal@10.18.0',
        'FirebaseMessaging@10.18.0',
        'GoogleUtilities@7.12.0',
        'MyKit@0.3.0 git:https://github.com/acme/MyKit.git',
        'PromisesObjC@2.3.1',
      ],
    );
    assert.deepEqual(r.unknowns, []);
  });

  it('other YAML is an unknown; bad PODS lines are counted', () => {
    assert.match(parsePodfileLock('foo: bar\n', 'x').unknowns[0]?.reason ?? '', /no PODS section/);
    assert.match(parsePodfileLock('PODS:\n  - Alamofire\n', 'x').unknowns[0]?.reason ?? '', /1 PODS lines/);
  });

  it('wants Podfile.lock only', () => {
    for (const [path, want] of [
      ['ios/Podfile.lock', true],
      ['Podfile.lock', true],
      ['ios/Podfile', false],
      ['ios/Pods/Manifest.lock', false],
    ] as const)
      assert.equal(cocoapodsAnalyzer.wants({ path, mode: 0o644, size: 10 }), want, path);
  });
});
