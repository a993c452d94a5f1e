import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Analyzer } from '../analyzer/types.js';
import { walkTree } from './walk-tree.js';

let work: string;
let root: string;
before(async () => {
  work = await mkdtemp(join(tmpdir(), 'bulwark-tree-'));
  root = join(work, 'root');
  await mkdir(join(root, 'etc'), { recursive: true });
  await mkdir(join(root, 'proc/1'), { recursive: true });
  await mkdir(join(work, 'outside'));
  await writeFile(join(work, 'outside/secret.pkg'), 'secret');
  await writeFile(join(root, 'etc/a.pkg'), 'a');
  await writeFile(join(root, 'etc/big.pkg'), 'x'.repeat(50));
  await writeFile(join(root, 'etc/elf.pkg'), '\x7fELFbinary');
  await writeFile(join(root, 'proc/1/status.pkg'), 'live');
  await symlink(join(work, 'outside'), join(root, 'escape'));
  await symlink('../outside/secret.pkg', join(root, 'etc/secret.pkg'));
});
after(() => rm(work, { recursive: true, force: true }));

const recorder: Analyzer = {
  name: 'test/pkg',
  version: 1,
  maxFileSize: 20,
  wants: ({ path }) => path.endsWith('.pkg'),
  analyze: ({ path, content }) => ({
    packages: [{ type: 'generic', name: path, version: content.toString() }],
  }),
};
const elfOnly: Analyzer = {
  ...recorder,
  name: 'test/elf',
  magic: () => [Buffer.from('\x7fELF')],
};

test('a directory is walked like a layer: symlinks recorded, never followed; caps and magic apply', async () => {
  const seen = async (analyzer: Analyzer) =>
    (await walkTree(root, { analyzers: [analyzer], tempDir: work, skip: ['proc'] })).results
      .map((r) => `${r.path} ${r.result.packages?.[0]?.version ?? r.result.unknowns?.[0]?.reason}`)
      .sort();
  assert.deepEqual(await seen(recorder), [
    'etc/a.pkg a',
    'etc/big.pkg file too large to analyze (50 bytes)',
    'etc/elf.pkg \x7fELFbinary',
  ]);
  // Only files starting with the magic reach an analyzer that declares one; nothing under proc/.
  assert.deepEqual(await seen({ ...elfOnly, maxFileSize: 100 }), ['etc/elf.pkg \x7fELFbinary']);
  const result = await walkTree(root, { analyzers: [recorder], tempDir: work, skip: ['proc'] });
  assert.deepEqual(result.symlinks, {
    escape: join(work, 'outside'),
    'etc/secret.pkg': '../outside/secret.pkg',
  });
});
