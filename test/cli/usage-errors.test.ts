import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runCli } from '../../src/test-support/run-cli.js';

// Usage errors at every level exit 2 (1 is a failed gate) and end with the usage hint.
const cases: [string, string[], RegExp][] = [
  ['unknown flag on a subcommand', ['scan', 'image', '--bogus', 'x'], /unknown option '--bogus'/],
  ['unknown flag on a nested command', ['db', 'status', '--bogus'], /unknown option '--bogus'/],
  ['missing argument', ['scan', 'sbom'], /missing required argument 'file'/],
  ['missing argument (explain)', ['explain'], /missing required argument 'vuln-id'/],
  ['missing image (scan image)', ['scan', 'image'], /missing image reference: give REF or --input FILE/],
  ['missing image (sbom)', ['sbom'], /missing image reference: give REF or --input FILE/],
  // `scan` alone is `scan image` (image is its default subcommand), so it asks for the image.
  ['missing subcommand', ['scan'], /missing image reference/],
  ['missing subcommand (db)', ['db'], /missing subcommand \(one of update, import, status/],
  ['unknown subcommand', ['db', 'nope'], /unknown subcommand 'nope'/],
  ['unknown command', ['nope'], /unknown command 'nope'/],
  ['unknown top-level flag', ['--bogus'], /unknown option '--bogus'/],
  ['a bad flag value', ['scan', 'image', '--format', 'nope', 'x'], /^error\[USAGE\]: --format "nope"/m],
];

describe('usage errors', () => {
  for (const [name, args, message] of cases) {
    test(`${name}: exit 2 with the usage hint`, async () => {
      const result = await runCli(args);
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, message);
      assert.match(result.stderr, /\(run with --help for usage\)\n$/);
      assert.equal(result.stdout, '');
    });
  }

  test('help and version still exit 0', async () => {
    for (const args of [['--help'], ['scan', 'image', '--help'], ['db', '--help'], ['--version']]) {
      const result = await runCli(args);
      assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
      assert.notEqual(result.stdout, '');
    }
  });
});
