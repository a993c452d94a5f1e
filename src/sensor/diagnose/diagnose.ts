/**
 * `bulwark sensor diagnose`: one `.tar.gz` support can read, built in instead of the
 * reference's separate script. It holds the sensor's scan state, identity (without the
 * credential), queue depth and logs, the OS, CPU and memory, proxy settings, the Docker
 * version and socket, image and container counts, and each running container's resource
 * use (`docker stats`, one sample). Anything that cannot be read is written down as such.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { cpus, freemem, loadavg, release, totalmem, uptime } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type Docker from 'dockerode';
import { pack } from 'tar-stream';
import { connectDocker } from '../../core/source/docker/docker-client.js';
import type { SensorOptions } from '../config/sensor-options.js';
import { hostInfo } from '../host/host-info.js';

type Entry = { name: string; body: string | Buffer };

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

function safeRead(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

async function dockerFacts(opts: SensorOptions): Promise<Entry[]> {
  let docker: Docker;
  let endpoint: string;
  try {
    ({ docker, endpoint } = await connectDocker({
      ...(opts.dockerHost ? { host: opts.dockerHost } : {}),
      ...(opts.dockerCertPath ? { certPath: opts.dockerCertPath } : {}),
      timeoutMs: 15_000,
    }));
  } catch (err) {
    return [{ name: 'docker.json', body: json({ error: (err as Error).message }) }];
  }
  try {
    const version = await docker.version();
    const images = await docker.listImages();
    const containers = await docker.listContainers({ all: true });
    const running = containers.filter((c) => c.State === 'running');
    const stats = [];
    for (const c of running.slice(0, 200)) {
      const s = (await docker
        .getContainer(c.Id)
        .stats({ stream: false })
        .catch((err: Error) => ({ error: err.message }))) as Record<string, unknown>;
      const mem = s.memory_stats as { usage?: number; limit?: number } | undefined;
      const cpu = s.cpu_stats as { cpu_usage?: { total_usage?: number } } | undefined;
      stats.push({
        id: c.Id,
        name: c.Names[0],
        image: c.Image,
        memoryUsage: mem?.usage ?? null,
        memoryLimit: mem?.limit ?? null,
        cpuTotalUsage: cpu?.cpu_usage?.total_usage ?? null,
        ...(typeof s.error === 'string' ? { error: s.error } : {}),
      });
    }
    return [
      {
        name: 'docker.json',
        body: json({
          endpoint,
          version: version.Version,
          apiVersion: version.ApiVersion,
          os: version.Os,
          kernel: version.KernelVersion,
          images: images.length,
          containers: containers.length,
          runningContainers: running.length,
        }),
      },
      { name: 'container-stats.json', body: json(stats) },
    ];
  } catch (err) {
    return [{ name: 'docker.json', body: json({ endpoint, error: (err as Error).message }) }];
  }
}

function logEntries(storage: string): Entry[] {
  const dir = join(storage, 'logs');
  if (!existsSync(dir)) return [{ name: 'logs/MISSING', body: `no log directory at ${dir}\n` }];
  return readdirSync(dir).map((n) => ({ name: `logs/${n}`, body: readFileSync(join(dir, n)) }));
}

export async function diagnoseArchive(opts: SensorOptions, out: string): Promise<string[]> {
  const identity = safeRead(join(opts.storage, 'identity.json'));
  let sensorUuid: string | null = null;
  try {
    sensorUuid = identity ? ((JSON.parse(identity) as { sensorUuid?: string }).sensorUuid ?? null) : null;
  } catch {
    sensorUuid = null;
  }
  const queueDir = join(opts.storage, 'queue');
  const queued = existsSync(queueDir) ? readdirSync(queueDir).filter((n) => n.endsWith('.json')).length : 0;
  const host = hostInfo(opts.storage, opts.hostIdSearchDir);
  const entries: Entry[] = [
    {
      name: 'sensor.json',
      body: json({
        mode: opts.mode,
        storage: opts.storage,
        serverUrl: opts.serverUrl,
        sensorUuid,
        queueDepth: queued,
        logLevel: opts.logLevel,
        concurrentScan: opts.concurrentScan,
        cpuUsageLimit: opts.cpuUsageLimit,
        generatedAt: new Date().toISOString(),
      }),
    },
    {
      name: 'scan-state.json',
      body: safeRead(join(opts.storage, 'scan-state.json')) ?? '{"missing":true}\n',
    },
    {
      name: 'system.json',
      body: json({
        hostname: host.hostname,
        hostUuid: host.hostUuid,
        ipAddresses: host.ipAddresses,
        os: host.operatingSystem,
        kernel: release(),
        uptimeSeconds: uptime(),
        cpu: { count: cpus().length, model: cpus()[0]?.model ?? null, loadavg: loadavg() },
        memory: { totalBytes: totalmem(), freeBytes: freemem() },
        node: process.version,
      }),
    },
    {
      name: 'proxy.json',
      body: json({
        proxy: opts.proxy ?? null,
        proxyCertFile: opts.proxyCertFile ?? null,
        env: Object.fromEntries(
          ['HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY', 'https_proxy', 'http_proxy', 'no_proxy'].map((k) => [
            k,
            process.env[k] ?? null,
          ]),
        ),
      }),
    },
    ...(await dockerFacts(opts)),
    ...logEntries(opts.storage),
  ];
  const tar = pack();
  const chunks: Buffer[] = [];
  tar.on('data', (c: unknown) => chunks.push(c as Buffer));
  const done = new Promise<void>((resolve, reject) => {
    tar.on('end', resolve);
    tar.on('error', reject);
  });
  for (const e of entries) {
    const body = typeof e.body === 'string' ? Buffer.from(e.body) : e.body;
    tar.entry({ name: `bulwark-sensor-diagnose/${e.name}`, size: body.length, mode: 0o644 }, body);
  }
  tar.finalize();
  await done;
  await writeFile(out, gzipSync(Buffer.concat(chunks)));
  return entries.map((e) => e.name);
}
