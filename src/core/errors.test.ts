import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { errorCatalog } from './errors.js';

function* shippedSources(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'testdata' && name !== 'test-support') yield* shippedSources(path);
    } else if (
      name.endsWith('.ts') &&
      !name.endsWith('.test.ts') &&
      path !== join('src', 'core', 'errors.ts')
    ) {
      yield path;
    }
  }
}

const shipped = [...shippedSources('src')].map((path) => ({ path, text: readFileSync(path, 'utf8') }));

test('every code in the catalog is one shipped code can raise (no dead codes)', () => {
  const unused = Object.keys(errorCatalog).filter(
    (code) => !shipped.some(({ text }) => text.includes(`'${code}'`)),
  );
  assert.deepEqual(unused, []);
});

test('every error[CODE] the CLI can print is in the catalog', () => {
  // Codes written as literals next to `error[`, e.g. a fallback for uncoded errors.
  const printed = shipped.flatMap(({ path, text }) =>
    [...text.matchAll(/error\[\$\{[^}]*'([A-Z_]+)'[^}]*\}\]/g)].map((m) => ({ path, code: m[1] as string })),
  );
  const outside = printed.filter(({ code }) => !Object.hasOwn(errorCatalog, code));
  assert.deepEqual(outside, []);
});
