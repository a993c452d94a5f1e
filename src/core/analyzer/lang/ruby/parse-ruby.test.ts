import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { maxEntriesPerFile } from '../../parse-result.js';
import { parseGemfileLock } from './parse-gemfile-lock.js';
import { parseGemspec } from './parse-gemspec.js';
import { rubyAnalyzer } from './ruby-analyzer.js';

const testdata = join(import.meta.dirname, 'testdata');
const read = (name: string) => readFileSync(join(testdata, name), 'utf8');

test('gemspecs shipped by Debian ruby-* packages read as RubyGems itself loads them', async () => {
  // Truth: `Gem::Specification.load` of each file with the real ruby 3.1 (testdata/README.md).
  const truth = JSON.parse(read('real/gemspecs.ruby-loaded.json')) as {
    path: string;
    name: string;
    version: string;
    licenses: string[];
  }[];
  assert.equal(truth.length, 4);
  for (const t of truth) {
    const content = readFileSync(join(testdata, 'real', t.path));
    assert.ok(rubyAnalyzer.wants({ path: t.path, size: content.length, mode: 0o644 }), t.path);
    const result = await rubyAnalyzer.analyze({
      path: t.path,
      size: content.length,
      mode: 0o644,
      content,
      tempDir: '/x',
    });
    assert.deepEqual(result, {
      packages: [{ type: 'gem', name: t.name, version: t.version, licenses: t.licenses }],
      unknowns: [],
    });
  }
});

test('gemspec variants: %q{} literals, single license, Gem::Version', () => {
  const text = [
    'Gem::Specification.new do |s|',
    '  s.name = %q{old_gem}',
    '  s.version = Gem::Version.new("0.9.1")',
    "  s.license = 'BSD-2-Clause'",
    '  s.summary = %q{s.name = "not this"}',
    'end',
  ].join('\n');
  assert.deepEqual(parseGemspec(text, 'x/specifications/old_gem-0.9.1.gemspec').packages, [
    { type: 'gem', name: 'old_gem', version: '0.9.1', licenses: ['BSD-2-Clause'] },
  ]);
});

test('Gemfile.lock files agree with Bundler::LockfileParser (platform variants folded)', () => {
  // Truth: Bundler 2.3.27's own parser over each file; every spec, one per version, and its
  // source kind (Rubygems, Git, Path) as our origin (none, git, path).
  const kind: Record<string, string> = { Git: 'git', Path: 'path' };
  for (const [file, truthFile] of [
    ['real/bundler-2.3.27/Gemfile.lock', 'real/bundler-2.3.27/Gemfile.lock.bundler-specs.json'],
    ['Gemfile-platforms.lock', 'Gemfile-platforms.lock.bundler-specs.json'],
  ] as const) {
    const truth = (JSON.parse(read(truthFile)) as { name: string; version: string; source: string }[]).map(
      (s) => `${s.name}@${s.version} ${kind[s.source] ?? 'registry'}`,
    );
    const want = [...new Set(truth)].sort();
    const result = parseGemfileLock(read(file), `app/${file}`);
    assert.deepEqual(result.unknowns, [], file);
    assert.deepEqual(
      result.packages.map((p) => `${p.name}@${p.version} ${p.origin?.kind ?? 'registry'}`).sort(),
      want,
      file,
    );
    assert.ok(result.packages.every((p) => p.type === 'gem' && p.dev === undefined));
  }
});

test('damaged files: an unknown naming the file and the reason', () => {
  const lock = read('Gemfile-platforms.lock');
  const cut = lock.slice(0, lock.indexOf('racc (1.7.3)') + 'racc (1.7'.length);
  const cases: { parse: typeof parseGemspec; text: string; reason: string; count: number }[] = [
    { parse: parseGemfileLock, text: cut, reason: 'malformed spec at line 25', count: 4 },
    {
      parse: parseGemfileLock,
      text: '\u0000\u0001binary',
      reason: 'not a Gemfile.lock: no sections',
      count: 0,
    },
    {
      parse: parseGemspec,
      text: '# stub: x\nGem::Specification.new do |s|\n  s.name = "x"\n',
      reason: 'not a gem specification: no version',
      count: 0,
    },
    { parse: parseGemspec, text: '', reason: 'not a gem specification: no name', count: 0 },
  ];
  for (const c of cases) {
    const result = c.parse(c.text, 'app/file');
    assert.deepEqual(result.unknowns, [{ path: 'app/file', reason: c.reason }]);
    assert.equal(result.packages.length, c.count);
  }
});

test('a Gemfile.lock with a million specs is cut at the documented limit', () => {
  const parts = ['GEM\n  remote: https://rubygems.org/\n  specs:\n'];
  for (let i = 0; i < 1_000_000; i++) parts.push(`    gem${i} (1.0.${i % 100})\n`);
  const result = parseGemfileLock(parts.join(''), 'Gemfile.lock');
  assert.equal(result.packages.length, maxEntriesPerFile);
  assert.match(result.unknowns[0]?.reason ?? '', /^too large/);
});

test('wants(): installed specifications and Gemfile.lock only', () => {
  const cases: [string, boolean][] = [
    ['usr/lib/ruby/gems/3.1.0/specifications/foo-1.2.3.gemspec', true],
    ['var/lib/gems/3.1.0/specifications/foo-1.2.3.gemspec', true],
    ['usr/share/rubygems-integration/all/specifications/rack-2.2.22.gemspec', true],
    ['usr/local/bundle/specifications/default/json-2.6.3.gemspec', true],
    ['app/foo.gemspec', false],
    ['app/Gemfile.lock', true],
    ['Gemfile.lock', true],
    ['usr/local/bundle/gems/rails-7.1.0/Gemfile.lock', false],
    ['app/Gemfile', false],
  ];
  for (const [path, want] of cases)
    assert.equal(rubyAnalyzer.wants({ path, size: 1, mode: 0o644 }), want, path);
});
