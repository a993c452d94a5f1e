import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSbom } from '../src/core/scan/generate-sbom.js';
import { docker } from '../src/test-support/components.js';
import { importDebianImage } from '../src/test-support/debian-rootfs.js';
import { type BenchRow, median, readFloorMs, saveGz, sbomInChild } from './support.js';

/** How the generated tree is made up; the packages add up to `total`. */
const shape = { plain: 4000, scopes: 20, perScope: 40, nested: 200 };
const total = shape.plain + shape.scopes * shape.perScope + shape.nested;

/**
 * Issue 4: an image whose node_modules holds thousands of packages, i.e. tens of
 * thousands of small files each walked and many parsed. Cold SBOM time against the
 * read-and-decompress floor, the cost the tree adds over its Debian base, and the
 * npm package count (it must equal the number generated).
 */
export async function nodeModulesBench(): Promise<BenchRow[]> {
  const work = await mkdtemp(join(tmpdir(), 'bulwark-bench-npm-'));
  try {
    const base = 'bulwark-test/debian:bookworm';
    await importDebianImage(base);
    const tag = await nodeModulesImage(base, work);
    const archive = await saveGz(tag, join(work, 'node-modules.tar'));
    const baseArchive = await saveGz(base, join(work, 'debian.tar'));

    const floor = await median(
      3,
      () => readFloorMs(archive),
      (ms) => ms,
    );
    const cold = await median(
      3,
      () => sbomInChild(`docker-archive:${archive}`),
      (r) => r.ms,
    );
    const coldBase = await median(
      3,
      () => sbomInChild(`docker-archive:${baseArchive}`),
      (r) => r.ms,
    );
    const sbom = await generateSbom(`docker-archive:${archive}`, { cacheDir: false });
    const found = sbom.packages.filter((p) => p.type === 'npm').length;
    const mib = (await stat(archive)).size / 1024 / 1024;
    return [
      {
        name: 'node_modules image: sbom cold / floor',
        value: cold / floor,
        unit: 'x',
        note: `cold ${cold.toFixed(0)} ms, floor ${floor.toFixed(0)} ms (${mib.toFixed(0)} MiB gz); target <= 2`,
      },
      {
        name: 'node_modules image: added ms per 1,000 packages',
        value: ((cold - coldBase) / total) * 1000,
        unit: 'ms',
        note: `over the Debian base alone (${coldBase.toFixed(0)} ms cold)`,
      },
      {
        name: 'node_modules image: npm packages found',
        value: found,
        unit: 'pkgs',
        note: found === total ? `= ${total} generated` : `MISMATCH: ${total} generated`,
      },
    ];
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Builds `base` plus one layer holding the generated app and its node_modules. */
async function nodeModulesImage(base: string, work: string): Promise<string> {
  const ctx = join(work, 'ctx');
  const app = join(ctx, 'app');
  await writeTree(app);
  await writeFile(join(ctx, 'Dockerfile'), `FROM ${base}\nCOPY app /srv/app\n`);
  const tag = 'bulwark-bench/node-modules:latest';
  await docker(['build', '--network', 'none', '-q', '-t', tag, ctx], { timeoutMs: 900_000 });
  return tag;
}

/**
 * A node_modules shaped like npm leaves it: plain and scoped packages, a nested
 * node_modules for version conflicts, npm's hidden `.package-lock.json`, and inner
 * manifests (`esm/package.json` markers, test fixtures) that are not packages.
 */
async function writeTree(app: string): Promise<void> {
  const nm = join(app, 'node_modules');
  const hidden: Record<string, { version: string }> = {};
  const add = async (dir: string, name: string, version: string, decoys: boolean) => {
    await mkdir(join(dir, 'lib'), { recursive: true });
    await writeFile(join(dir, 'package.json'), manifest(name, version));
    await writeFile(
      join(dir, 'index.js'),
      `'use strict';\nmodule.exports = require('./lib/${name.replace('/', '-')}.js');\n`,
    );
    await writeFile(join(dir, 'lib', `${name.replace('/', '-')}.js`), source(name));
    await writeFile(
      join(dir, 'README.md'),
      `# ${name}\n\nVersion ${version}. Generated for the Bulwark benchmark.\n`,
    );
    await writeFile(
      join(dir, 'LICENSE'),
      'MIT License\n\nPermission is hereby granted, free of charge, to any person.\n',
    );
    if (decoys) {
      await mkdir(join(dir, 'esm'), { recursive: true });
      await writeFile(join(dir, 'esm', 'package.json'), '{"type":"module"}\n');
      await mkdir(join(dir, 'test', 'fixtures'), { recursive: true });
      await writeFile(join(dir, 'test', 'fixtures', 'package.json'), manifest('fixture-project', '0.0.1'));
    }
  };
  for (let i = 0; i < shape.plain; i++) {
    const name = `pkg-${i}`;
    const version = `${1 + (i % 7)}.${i % 13}.${i % 5}`;
    await add(join(nm, name), name, version, i % 10 === 0);
    hidden[`node_modules/${name}`] = { version };
  }
  for (let s = 0; s < shape.scopes; s++) {
    for (let j = 0; j < shape.perScope; j++) {
      const name = `@scope-${s}/lib-${j}`;
      await add(join(nm, name), name, `0.${s}.${j}`, false);
      hidden[`node_modules/${name}`] = { version: `0.${s}.${j}` };
    }
  }
  // Conflicting versions land in the dependent's own node_modules.
  for (let i = 0; i < shape.nested; i++) {
    const name = `pkg-${i + 1}`;
    const where = `node_modules/pkg-${i}/node_modules/${name}`;
    await add(join(app, where), name, `9.${i}.0`, false);
    hidden[where] = { version: `9.${i}.0` };
  }
  const deps = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`pkg-${i}`, '*']));
  await writeFile(
    join(app, 'package.json'),
    JSON.stringify({ name: 'bench-app', version: '1.0.0', dependencies: deps }),
  );
  // npm's own record of the tree; not a project lockfile, so it must not be counted again.
  await writeFile(
    join(nm, '.package-lock.json'),
    JSON.stringify({
      name: 'bench-app',
      version: '1.0.0',
      lockfileVersion: 3,
      requires: true,
      packages: hidden,
    }),
  );
}

function manifest(name: string, version: string): string {
  return `${JSON.stringify(
    {
      name,
      version,
      description: `Generated package ${name}`,
      main: 'index.js',
      license: 'MIT',
      repository: { type: 'git', url: `git+https://example.invalid/${name}.git` },
      dependencies: {},
    },
    null,
    2,
  )}\n`;
}

/** A couple of KiB of plausible code, different per package so gzip cannot fold it all. */
function source(name: string): string {
  const lines: string[] = [];
  for (let k = 0; k < 40; k++) {
    lines.push(
      `function ${name.replace(/[^a-z0-9]/gi, '_')}_${k}(a, b) { return a * ${k} + b - ${name.length * k}; }`,
    );
  }
  lines.push(
    `module.exports = { ${Array.from({ length: 40 }, (_, k) => `${name.replace(/[^a-z0-9]/gi, '_')}_${k}`).join(', ')} };`,
  );
  return `${lines.join('\n')}\n`;
}
