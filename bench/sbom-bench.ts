import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docker } from '../src/test-support/components.js';
import { importDebianImage } from '../src/test-support/debian-rootfs.js';
import { dockerSaveTo } from '../src/test-support/registry-push.js';
import { type BenchRow, median, readFloorMs, sbomInChild } from './support.js';

/**
 * Issue 2's targets, measured on the real Debian image as a gzip'd docker-archive:
 * cold SBOM time against the read-and-decompress floor, warm (layer-cached) time
 * against cold, and peak RSS for that image and for one 300 MiB larger.
 */
export async function sbomBench(): Promise<BenchRow[]> {
  const work = await mkdtemp(join(tmpdir(), 'bulwark-bench-'));
  try {
    const tag = 'bulwark-test/debian:bookworm';
    await importDebianImage(tag);
    const small = await saveGz(tag, join(work, 'debian.tar'));
    const big = await saveGz(await biggerImage(tag, work), join(work, 'debian-big.tar'));

    const floor = await median(
      3,
      () => readFloorMs(small),
      (ms) => ms,
    );
    const cold = await median(
      3,
      () => sbomInChild(`docker-archive:${small}`),
      (r) => r.ms,
    );
    const cacheDir = join(work, 'cache');
    await sbomInChild(`docker-archive:${small}`, cacheDir);
    const warm = await median(
      3,
      () => sbomInChild(`docker-archive:${small}`, cacheDir),
      (r) => r.ms,
    );
    const rssSmall = (await sbomInChild(`docker-archive:${small}`)).maxRssMiB;
    const rssBig = (await sbomInChild(`docker-archive:${big}`)).maxRssMiB;
    const mib = async (p: string) => (await stat(p)).size / 1024 / 1024;
    return [
      {
        name: 'sbom cold / read+decompress floor',
        value: cold / floor,
        unit: 'x',
        note: `cold ${cold.toFixed(0)} ms, floor ${floor.toFixed(0)} ms (${(await mib(small)).toFixed(0)} MiB gz); target <= 2`,
      },
      {
        name: 'sbom warm / cold',
        value: warm / cold,
        unit: 'x',
        note: `warm ${warm.toFixed(0)} ms; target <= 0.10`,
      },
      { name: 'peak RSS, Debian image', value: rssSmall, unit: 'MiB', note: 'whole process' },
      {
        name: 'peak RSS, image +300 MiB / Debian image',
        value: rssBig / rssSmall,
        unit: 'x',
        note: `${rssBig.toFixed(0)} MiB for ${(await mib(big)).toFixed(0)} MiB gz; target ~1 (flat)`,
      },
    ];
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function saveGz(image: string, path: string): Promise<string> {
  await dockerSaveTo(image, path);
  execFileSync('gzip', ['-1', '-f', path]);
  return `${path}.gz`;
}

/** The Debian image plus a layer of 300 MiB of incompressible files. */
async function biggerImage(base: string, work: string): Promise<string> {
  const ctx = join(work, 'big');
  await mkdir(join(ctx, 'blobs'), { recursive: true });
  for (let i = 0; i < 30; i++)
    await writeFile(join(ctx, 'blobs', `b${i}.bin`), randomBytes(10 * 1024 * 1024));
  await writeFile(join(ctx, 'Dockerfile'), `FROM ${base}\nCOPY blobs /opt/blobs\n`);
  const tag = 'bulwark-bench/debian-big:latest';
  await docker(['build', '--network', 'none', '-q', '-t', tag, ctx]);
  return tag;
}
