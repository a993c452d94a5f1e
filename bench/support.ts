import { execFile, execFileSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { InventorySize } from '../src/test-support/qql-inventory.js';
import { dockerSaveTo } from '../src/test-support/registry-push.js';

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  /** What the value is compared with, and the target, in words. */
  note: string;
}

/**
 * The synthetic fleet the QQL and console benches run on: one customer with 100,000 images
 * at scale 1 (~300,000 containers, ~2.7 million findings), smaller for a quick look.
 */
export function fleetInventory(scale: number): InventorySize {
  return {
    customers: ['cust-a'],
    imagesPerCustomer: Math.round(100_000 * scale),
    containersPerImage: 3,
    packagesPerImage: 40,
    findingsPerImage: 27,
    vulnerabilities: Math.max(500, Math.round(60_000 * scale)),
    hostsPerCustomer: Math.max(20, Math.round(2_000 * scale)),
  };
}

export interface ChildRun {
  ms: number;
  maxRssMiB: number;
  packages: number;
}

/** Runs bench/sbom-child.ts in its own node process. */
export function sbomInChild(ref: string, cacheDir?: string): Promise<ChildRun> {
  const args = ['--import', 'tsx', new URL('./sbom-child.ts', import.meta.url).pathname, ref];
  if (cacheDir) args.push(cacheDir);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`${err.message}\n${stderr}`));
      resolve(JSON.parse(stdout.trim().split('\n').pop() as string) as ChildRun);
    });
  });
}

/** The floor: read the archive and decompress it, doing nothing with the bytes. */
export async function readFloorMs(path: string): Promise<number> {
  const start = performance.now();
  const sink = new Writable({ write: (_c, _e, done) => done(), highWaterMark: 1 << 20 });
  const source = createReadStream(path, { highWaterMark: 1 << 20 });
  if (path.endsWith('.gz')) await pipeline(source, createGunzip({ chunkSize: 256 * 1024 }), sink);
  else await pipeline(source, sink);
  return performance.now() - start;
}

export async function median<T>(
  times: number,
  fn: () => Promise<T>,
  pick: (t: T) => number,
): Promise<number> {
  const values: number[] = [];
  for (let i = 0; i < times; i++) values.push(pick(await fn()));
  values.sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)] as number;
}

/** `docker save`s an image of the test dockerd and gzips it: the archive a user might keep. */
export async function saveGz(image: string, path: string): Promise<string> {
  await dockerSaveTo(image, path);
  execFileSync('gzip', ['-1', '-f', path]);
  return `${path}.gz`;
}
