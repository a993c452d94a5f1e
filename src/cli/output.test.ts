import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BulwarkError, errorCatalog } from '../core/errors.js';
import { reportError } from './output.js';

/** What reportError writes to stderr (captured, then restored), without the debug stack. */
function stderrOf(fn: () => void): string {
  const original = process.stderr.write;
  const debug = process.env.BULWARK_DEBUG;
  delete process.env.BULWARK_DEBUG;
  let text = '';
  process.stderr.write = ((chunk: string | Uint8Array) => {
    text += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    fn();
  } finally {
    process.stderr.write = original;
    if (debug !== undefined) process.env.BULWARK_DEBUG = debug;
  }
  return text;
}

test('a coded error prints its code and the first line of its message', () => {
  const text = stderrOf(() => reportError(new BulwarkError('IO', 'x.json: cannot read\nmore detail')));
  assert.equal(text, 'error[IO]: x.json: cannot read\n');
});

test('an uncoded error (a bug) prints INTERNAL, a code from the catalog', () => {
  const text = stderrOf(() => reportError(new TypeError('undefined is not a function')));
  assert.equal(text, 'error[INTERNAL]: undefined is not a function\n');
  assert.ok(Object.hasOwn(errorCatalog, 'INTERNAL'));
});
