import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docker } from '../src/test-support/components.js';
import { importDebianImage } from '../src/test-support/debian-rootfs.js';
import { dockerSaveTo } from '../src/test-support/registry-push.js';
import { type BenchRow, median, readFloorMs, saveGz, sbomInChild } from './support.js';

/**
 * Issue 2's targets, measured on the real Debian image as a docker-archive: cold SBOM
 * time against the time to merely read (and, for the gzip'd copy, decompress) the
 * same archive; warm (layer-cached) time against cold; peak RSS for that image and
 * for one 300 MiB larger. `docker save` writes plain tars, so the plain archive is
 * the primary case; a gzip'd archive must be decompressed to reach its manifest,
 * so its warm time can never drop below its decompression floor.
 */
export async function sbomBench(): Promise<BenchRow[]> {
  const work = await mkdtemp(join(tmpdir(), 'bulwark-bench-'));
  try {
    const tag = 'bulwark-test/debian:bookworm';
    await importDebianImage(tag);
    const plain = join(work, 'debian.tar');
    await dockerSaveTo(tag, plain);
    const small = await saveGz(tag, join(work, 'debian-gz.tar'));
    const big = join(work, 'debian-big.tar');
    await dockerSaveTo(await biggerImage(tag, work), big);

    const floorPlain = await median(
      3,
      () => readFloorMs(plain),
      (ms) => ms,
    );
    const coldPlain = await median(
      3,
      () => sbomInChild(`docker-archive:${plain}`),
      (r) => r.ms,
    );
    const floorGz = await median(
      3,
      () => readFloorMs(small),
      (ms) => ms,
    );
    const coldGz = await median(
      3,
      () => sbomInChild(`docker-archive:${small}`),
      (r) => r.ms,
    );
    const cacheDir = join(work, 'cache');
    await sbomInChild(`docker-archive:${plain}`, cacheDir);
    const warm = await median(
      3,
      () => sbomInChild(`docker-archive:${plain}`, cacheDir),
      (r) => r.ms,
    );
    const warmGz = await median(
      3,
      () => sbomInChild(`docker-archive:${small}`, cacheDir),
      (r) => r.ms,
    );
    const rssSmall = (await sbomInChild(`docker-archive:${plain}`)).maxRssMiB;
    const rssBig = (await sbomInChild(`docker-archive:${big}`)).maxRssMiB;
    const mib = async (p: string) => (await stat(p)).size / 1024 / 1024;
    return [
      {
        name: 'sbom cold / read floor (plain archive)',
        value: coldPlain / floorPlain,
        unit: 'x',
        note: `cold ${coldPlain.toFixed(0)} ms, floor ${floorPlain.toFixed(0)} ms (${(await mib(plain)).toFixed(0)} MiB); target <= 2`,
      },
      {
        name: 'sbom cold / read+gunzip floor (gzip archive)',
        value: coldGz / floorGz,
        unit: 'x',
        note: `cold ${coldGz.toFixed(0)} ms, floor ${floorGz.toFixed(0)} ms (${(await mib(small)).toFixed(0)} MiB); target <= 2`,
      },
      {
        name: 'sbom warm / cold (plain archive)',
        value: warm / coldPlain,
        unit: 'x',
        note: `warm ${warm.toFixed(0)} ms; target <= 0.10`,
      },
      {
        name: 'sbom warm / cold (gzip archive)',
        value: warmGz / coldGz,
        unit: 'x',
        note: `warm ${warmGz.toFixed(0)} ms; bounded below by the gunzip floor`,
      },
      { name: 'peak RSS, Debian image', value: rssSmall, unit: 'MiB', note: 'whole process' },
      {
        name: 'peak RSS, image +300 MiB / Debian image',
        value: rssBig / rssSmall,
        unit: 'x',
        note: `${rssBig.toFixed(0)} MiB for ${(await mib(big)).toFixed(0)} MiB; target ~1 (flat)`,
      },
    ];
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The Debian image plus a layer of 300 MiB of incompressible executables (so binary analyzers read them all). */
async function biggerImage(base: string, work: string): Promise<string> {
  const ctx = join(work, 'big');
  await mkdir(join(ctx, 'blobs'), { recursive: true });
  for (let i = 0; i < 30; i++)
    await writeFile(join(ctx, 'blobs', `b${i}.bin`), randomBytes(10 * 1024 * 1024), { mode: 0o755 });
  await writeFile(join(ctx, 'Dockerfile'), `FROM ${base}\nCOPY blobs /opt/blobs\n`);
  const tag = 'bulwark-bench/debian-big:latest';
  await docker(['build', '--network', 'none', '-q', '-t', tag, ctx]);
  return tag;
}
