import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { describe, it } from 'node:test';
import { analyzeRuntime, runtimeAnalyzer } from './runtime-analyzer.js';

// The fixtures are the real interpreters on this machine (provisioned: nodejs runs the tests,
// python3, php-cli, ruby); each one's own answer about its version is the truth.
const run = (file: string, args: string[]) => execFileSync(file, args, { encoding: 'utf8' }).trim();

function found(path: string, inImage: string): string[] {
  const result = analyzeRuntime({ path: inImage, content: readFileSync(path) });
  return (result.packages ?? []).map((p) => `${p.name}@${p.version}`);
}

describe('runtimes read from their own binaries', () => {
  it('node: the executable running this test', () => {
    assert.deepEqual(found(process.execPath, 'usr/local/bin/node'), [`node@${process.versions.node}`]);
  });

  it('python3.N: Debian’s static interpreter, as it reports itself', () => {
    const exe = realpathSync('/usr/bin/python3');
    const truth = run(exe, ['-c', 'import platform; print(platform.python_version())']);
    const series = truth.split('.').slice(0, 2).join('.');
    assert.equal(exe.endsWith(`python${series}`), true);
    assert.deepEqual(found(exe, `usr/local/bin/python${series}`), [`python@${truth}`]);
  });

  const python = run('/usr/bin/python3', [
    '-c',
    'import sysconfig; print(sysconfig.get_config_var("LIBDIR") + "/" + sysconfig.get_config_var("INSTSONAME"))',
  ]);
  it('libpython3.N.so.1.0 beside a dynamic launcher (skipped when libpython3 is not installed)', {
    skip: !existsSync(python),
  }, () => {
    const truth = run('/usr/bin/python3', ['-c', 'import platform; print(platform.python_version())']);
    const name = python.slice(python.lastIndexOf('/') + 1);
    assert.deepEqual(found(python, `usr/local/lib/${name}`), [`python@${truth}`]);
  });

  it('php: the CLI, as PHP_VERSION says', () => {
    const exe = realpathSync('/usr/bin/php');
    assert.deepEqual(found(exe, 'usr/local/bin/php'), [`php@${run(exe, ['-r', 'echo PHP_VERSION;'])}`]);
  });

  it('ruby: the shared libruby (the launcher holds no version), as RUBY_VERSION says', () => {
    // Debian keeps libruby in the multiarch directory, source builds in libdir.
    const lib = run('ruby', [
      '-e',
      'c = RbConfig::CONFIG; print [c["libdir"], c["archlibdir"]].compact.map { |d| File.join(d, c["LIBRUBY_SO"]) }.find { |f| File.exist?(f) }',
    ]);
    const version = run('ruby', ['-e', 'print RUBY_VERSION']);
    assert.deepEqual(found(lib, 'usr/local/lib/libruby.so.3'), [`ruby@${version}`]);
    assert.deepEqual(found(realpathSync('/usr/bin/ruby'), 'usr/local/bin/ruby'), []);
  });
});

describe('what is not guessed (synthetic bytes, named so)', () => {
  const elf = (text: string) =>
    Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.from(text, 'latin1')]);
  const cases: [string, string, string[]][] = [
    ['a node without the release tag', 'usr/local/bin/node', []],
    ['two node versions in one file', 'usr/local/bin/node', []],
    ['python bytes of another series than its name', 'usr/local/bin/python3.12', []],
    ['a python version inside a longer number', 'usr/local/bin/python3.11', []],
  ];
  const bodies = ['\0v20.1.0\0', '\0node.js/v20.1.0\0node.js/v18.2.0\0', '\x003.11.7\0', '\x0013.11.7\0'];
  cases.forEach(([name, path, want], i) => {
    it(name, () => {
      const result = analyzeRuntime({ path, content: elf(bodies[i] ?? '') });
      assert.deepEqual(
        (result.packages ?? []).map((p) => p.version),
        want,
      );
    });
  });

  it('a pre-release python keeps its suffix', () => {
    const result = analyzeRuntime({ path: 'usr/local/bin/python3.13', content: elf('\x003.13.0rc2\0') });
    assert.equal(result.packages?.[0]?.version, '3.13.0rc2');
  });
});

describe('wants: names and modes only', () => {
  const table: [string, number, boolean][] = [
    ['usr/local/bin/node', 0o755, true],
    ['usr/local/bin/node', 0o644, false],
    ['usr/local/bin/python3.12', 0o755, true],
    ['usr/local/bin/python3', 0o755, false],
    ['usr/local/lib/libpython3.12.so.1.0', 0o644, true],
    ['usr/local/lib/libpython3.13t.so.1.0', 0o644, true],
    ['usr/local/bin/php', 0o755, true],
    ['usr/local/sbin/php-fpm', 0o755, false],
    ['usr/bin/php8.2', 0o755, true],
    ['usr/local/bin/ruby', 0o755, true],
    ['usr/local/lib/libruby.so.3.3.5', 0o644, true],
    ['usr/lib/x86_64-linux-gnu/libruby-3.1.so.3.1.2', 0o644, true],
    ['usr/local/lib/node_modules/npm/bin/npm', 0o755, false],
    ['usr/share/doc/node/README', 0o644, false],
  ];
  for (const [path, mode, want] of table) {
    it(`${path} ${mode.toString(8)}`, () => {
      assert.equal(runtimeAnalyzer.wants({ path, mode, size: 100_000 }), want);
    });
  }
});
