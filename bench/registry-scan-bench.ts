/**
 * Issue 12: a registry sensor scanning 50 small images that share one base, straight from
 * the provisioned registry (127.0.0.1:5055), with the layer cache and without it. The base
 * is a genuine Debian bookworm layer (etc/, the dpkg database, usr/bin of the test rootfs);
 * each image adds one small layer of its own. With the cache the base is downloaded and
 * analyzed once for all 50; without it, once per image. SBOMs go to a sink: the server's
 * ingest has its own bench.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { extract, pack } from 'tar-stream';
import { fileLogger } from '../src/sensor/log/logger.js';
import type { JobReporter, RegistryJob } from '../src/sensor/registry/registry-job-client.js';
import { runRegistryJob } from '../src/sensor/registry/registry-job-runner.js';
import type { ImageResult } from '../src/server/registry/registry-job-protocol.js';
import { testRegistry } from '../src/test-support/components.js';
import { debianRootfs } from '../src/test-support/debian-rootfs.js';
import { sha256 } from '../src/test-support/make-image.js';
import {
  makeGzipLayer,
  OCI_MANIFEST,
  ociManifest,
  putManifest,
  uploadBlob,
} from '../src/test-support/registry-push.js';
import type { BenchRow } from './support.js';

const IMAGES = Number(process.env.BENCH_REGISTRY_IMAGES ?? 50);
const BASE = /^(?:\.\/)?(?:etc\/|var\/lib\/dpkg\/|usr\/bin\/|usr\/lib\/os-release)/;

/** The entries of a tar whose names match, as a new tar. */
async function filterTar(path: string, keep: RegExp): Promise<Buffer> {
  const out = pack();
  const chunks: Buffer[] = [];
  out.on('data', (c: unknown) => chunks.push(c as Buffer));
  const ended = new Promise<void>((resolve) => out.on('end', () => resolve()));
  const ex = extract();
  ex.on('entry', (header, stream, next) => {
    if (!keep.test(header.name)) {
      stream.on('end', next);
      stream.resume();
      return;
    }
    stream.pipe(out.entry(header, next));
  });
  await new Promise<void>((resolve, reject) => {
    ex.on('finish', resolve);
    ex.on('error', reject);
    createReadStream(path).pipe(ex);
  });
  out.finalize();
  await ended;
  return Buffer.concat(chunks);
}

async function pushImages(repo: string): Promise<RegistryJob['images']> {
  const baseTar = await filterTar((await debianRootfs()).tarPath, BASE);
  const baseBlob = gzipSync(baseTar);
  const baseDigest = await uploadBlob(repo, baseBlob);
  const images: RegistryJob['images'] = [];
  for (let i = 0; i < IMAGES; i++) {
    const own = await makeGzipLayer({ [`opt/app-${i}/VERSION`]: `${i}\n` });
    const ownDigest = await uploadBlob(repo, own.blob);
    const config = JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: [sha256(baseTar), own.diffID] },
    });
    const configDigest = await uploadBlob(repo, Buffer.from(config));
    const manifest = ociManifest(config, configDigest, [
      { digest: baseDigest, size: baseBlob.length },
      { digest: ownDigest, size: own.blob.length },
    ]);
    await putManifest(repo, `v${i}`, OCI_MANIFEST, manifest);
    images.push({ repository: repo, tag: `v${i}` });
  }
  return images;
}

class Sink implements JobReporter {
  sboms = 0;
  failed: ImageResult[] = [];
  async uploadSbom() {
    this.sboms++;
  }
  async progress(_id: string, results: ImageResult[]) {
    this.failed.push(...results.filter((r) => r.status === 'failed'));
  }
  async complete() {}
}

async function timedJob(job: RegistryJob, work: string, cacheDir: string | false): Promise<number> {
  const sink = new Sink();
  const start = performance.now();
  await runRegistryJob(job, {
    reporter: sink,
    log: fileLogger({ dir: join(work, 'logs'), level: 1, console: false }),
    cacheDir,
    tempRoot: work,
    scanned: undefined,
  });
  const minutes = (performance.now() - start) / 60_000;
  if (sink.sboms !== job.images.length)
    throw new Error(
      `registry bench: ${sink.sboms}/${job.images.length} scanned; ${sink.failed[0]?.error ?? ''}`,
    );
  return job.images.length / minutes;
}

export async function registryScanBench(): Promise<BenchRow[]> {
  const registry = testRegistry();
  const repo = `bulwark-bench/registry-scan-${randomUUID().slice(0, 8)}`;
  const job: RegistryJob = {
    id: randomUUID(),
    scheduleUuid: 'bench',
    registry: {
      uuid: randomUUID(),
      uri: `http://${registry.host}`,
      type: 'V2-Private',
      credentialType: 'BasicAuth',
      username: registry.username,
      password: registry.password,
    },
    images: await pushImages(repo),
  };
  const work = await mkdtemp(join(tmpdir(), 'bulwark-registry-bench-'));
  try {
    const cold = await timedJob(job, work, false);
    // The cache starts empty: the first image pays for the base, as on a sensor's first job.
    const cached = await timedJob(job, work, join(work, 'cache'));
    return [
      {
        name: `registry scan, ${IMAGES} images, no layer cache`,
        value: cold,
        unit: '/min',
        note: 'images per minute',
      },
      {
        name: `registry scan, ${IMAGES} images, layer cache`,
        value: cached,
        unit: '/min',
        note: 'images per minute',
      },
      {
        name: 'registry scan speed-up from the layer cache',
        value: cached / cold,
        unit: 'x',
        note: 'cache / no cache (shared base fetched and analyzed once)',
      },
    ];
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
