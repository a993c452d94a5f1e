import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';

// The layers of DESIGN.md §5: core is a library the server, sensors and CLI call,
// so it must never reach up into them.
const forbidden: Record<string, string[]> = {
  'src/core': ['src/cli', 'src/server', 'src/db', 'src/sensor', 'src/qql', 'src/test-support'],
};

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'testdata') yield* sourceFiles(path);
    } else if (name.endsWith('.ts')) {
      yield path;
    }
  }
}

test('src/core imports nothing from the layers above it', () => {
  const offences: string[] = [];
  for (const [root, banned] of Object.entries(forbidden)) {
    for (const file of sourceFiles(root)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/from\s+'([^']+)'/g)) {
        const spec = match[1] as string;
        if (!spec.startsWith('.')) continue;
        const target = relative(process.cwd(), resolve(dirname(file), spec));
        const isTest = file.endsWith('.test.ts');
        if (banned.some((b) => target.startsWith(`${b}/`) && !(isTest && b === 'src/test-support'))) {
          offences.push(`${file}: ${spec}`);
        }
      }
    }
  }
  assert.deepEqual(offences, []);
});
