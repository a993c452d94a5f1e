/**
 * For sensor tests: a real `bulwark server` (in-process, SQLite in a temp dir, on a
 * loopback port that survives a stop/start so an outage can be staged), a read-only view
 * of what reached it (events and SBOM uploads, by sha), small labelled images for the
 * trigger tests, and a poll helper that fails (never skips) when a condition never holds.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type OpenedDatabase, openDatabase } from '../db/dialects.js';
import type { SensorOptions } from '../sensor/config/sensor-options.js';
import { type RunningServer, startServer } from '../server/server-main.js';
import { docker, testDocker } from './components.js';
import { makeLayer, sha256 } from './make-image.js';

export interface SensorServer {
  url: string;
  activationId: string;
  customerId: string;
  dataDir: string;
  running: RunningServer | undefined;
  stop(): Promise<void>;
  start(): Promise<void>;
  view(): Promise<ServerView>;
  close(): Promise<void>;
}

export interface ServerView {
  /** `TYPE action sha12` for every stored event, oldest first. */
  events: string[];
  /** `IMAGE sha12` / `CONTAINER sha12` for every SBOM upload receipt. */
  sboms: string[];
}

export async function startSensorServer(): Promise<SensorServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bulwark-sensor-srv-'));
  const options = {
    host: '127.0.0.1',
    target: { dataDir },
    admin: { username: 'admin', password: 'sensor-test-pw-1' },
    logLevel: 'silent',
  };
  const first = await startServer({ ...options, port: 0 });
  const boot = first.bootstrap;
  if (!boot) throw new Error('fresh server did not bootstrap');
  const port = Number(new URL(first.url).port);
  let viewDb: OpenedDatabase | undefined;
  const s: SensorServer = {
    url: first.url,
    activationId: boot.activationId,
    customerId: boot.customerId,
    dataDir,
    running: first,
    async stop() {
      await s.running?.close();
      s.running = undefined;
    },
    async start() {
      s.running = await startServer({ ...options, port });
    },
    async view() {
      viewDb ??= openDatabase({ dataDir });
      const db = viewDb.db;
      const ev = await db
        .selectFrom('events')
        .select(['type', 'event', 'image_sha', 'container_sha', 'event_occurred'])
        .orderBy('event_occurred')
        .execute();
      const receipts = await db
        .selectFrom('ingest_receipts')
        .select(['kind', 'response_json'])
        .where('kind', '=', 'sbom')
        .execute();
      const sboms: string[] = [];
      for (const r of receipts) {
        const uuid = (JSON.parse(r.response_json) as { assetUuid?: string }).assetUuid ?? '';
        const image = await db.selectFrom('images').select('sha').where('id', '=', uuid).executeTakeFirst();
        const ctr = await db.selectFrom('containers').select('sha').where('id', '=', uuid).executeTakeFirst();
        sboms.push(image ? `IMAGE ${image.sha.slice(0, 12)}` : `CONTAINER ${(ctr?.sha ?? '?').slice(0, 12)}`);
      }
      return {
        events: ev.map(
          (e) =>
            `${e.type} ${e.event} ${((e.type === 'IMAGE' ? e.image_sha : e.container_sha) ?? '?').slice(0, 12)}`,
        ),
        sboms,
      };
    },
    async close() {
      await s.running?.close();
      await viewDb?.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return s;
}

/** Sensor options for tests: the test dockerd, a label scope unique to the test, short heartbeats. */
export function sensorTestOptions(
  server: SensorServer,
  storage: string,
  scope: string,
  extra: Partial<SensorOptions> = {},
): SensorOptions {
  return {
    activationId: server.activationId,
    customerId: server.customerId,
    storage,
    serverUrl: server.url,
    logLevel: 4,
    consoleLogs: false,
    cpuUsageLimit: 0,
    concurrentScan: 2,
    proxy: undefined,
    proxyCertFile: undefined,
    dockerHost: testDocker().host,
    dockerCertPath: undefined,
    hostIdSearchDir: undefined,
    mode: 'general',
    silent: true,
    triggerTag: undefined,
    scanIntervalHours: undefined,
    labelScope: scope,
    heartbeatSeconds: 1,
    queueLimit: 1000,
    ...extra,
  };
}

export const newScope = () => `bulwark.sensor-test=${randomBytes(6).toString('hex')}`;

/** Polls until `check` returns a value (not undefined); fails with the last state after `ms`. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  ms = 120_000,
): Promise<T> {
  const until = Date.now() + ms;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/**
 * A tiny `docker load`-able archive: one layer with a dpkg status file naming `pkg`, and
 * the scope label in its config, so each test's images are its own.
 */
export async function labelledArchive(path: string, scope: string, pkg: string, tag?: string) {
  const status = `Package: ${pkg}\nStatus: install ok installed\nVersion: 1.0-1\nArchitecture: amd64\n\n`;
  const layer = await makeLayer([
    { name: 'etc/', type: 'directory' },
    { name: 'etc/os-release', content: 'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian GNU/Linux 12"\n' },
    { name: 'var/lib/dpkg/status', content: status },
  ]);
  const [key, value] = scope.split('=') as [string, string];
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: { Labels: { [key]: value, 'bulwark.test-package': pkg } },
      rootfs: { type: 'layers', diff_ids: [sha256(layer)] },
      history: [{ created_by: `sensor test ${pkg}` }],
    }),
  );
  const configName = `${sha256(config).slice(7)}.json`;
  const manifest = [{ Config: configName, RepoTags: tag ? [tag] : null, Layers: ['l0/layer.tar'] }];
  const archive = await makeLayer([
    { name: configName, content: config },
    { name: 'l0/', type: 'directory' },
    { name: 'l0/layer.tar', content: layer },
    { name: 'manifest.json', content: JSON.stringify(manifest) },
  ]);
  const { writeFile } = await import('node:fs/promises');
  await writeFile(path, archive);
  return { imageId: sha256(config) };
}

/**
 * Writes a labelledArchive at `path` and `docker load`s it; `loaded` hears the image id
 * before the load, so a test's cleanup removes it even when the load fails.
 */
export async function loadLabelled(
  path: string,
  scope: string,
  pkg: string,
  opts: { tag?: string; loaded?: (imageId: string) => void; docker?: typeof docker } = {},
): Promise<string> {
  const { imageId } = await labelledArchive(path, scope, pkg, opts.tag);
  opts.loaded?.(imageId);
  await (opts.docker ?? docker)(['load', '-i', path]);
  return imageId;
}

export { docker };

export interface PrivateDockerd {
  /** `unix://…` of its socket. */
  host: string;
  env: NodeJS.ProcessEnv;
  docker(args: string[]): Promise<string>;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A dockerd of the test's own (as scripts/provision.sh starts the shared one: vfs, no bridge,
 * no iptables; own data root, exec root and socket under a temp dir), for tests that must
 * stop and restart the daemon — the shared one is used by every other test.
 */
export async function startPrivateDockerd(): Promise<PrivateDockerd> {
  const { spawn } = await import('node:child_process');
  const { run } = await import('./components.js');
  // Short path: containerd's socket lives under the exec root and unix paths are limited to 108 bytes.
  const dir = await mkdtemp('/tmp/bwd-');
  const host = `unix://${dir}/d.sock`;
  const env = { ...process.env, DOCKER_HOST: host, DOCKER_BUILDKIT: '0' };
  const cli = (args: string[]) => run('docker', args, { env, timeoutMs: 300_000 });
  let child: import('node:child_process').ChildProcess | undefined;
  const d: PrivateDockerd = {
    host,
    env,
    docker: cli,
    async start() {
      child = spawn(
        'dockerd',
        [
          '--iptables=false',
          '--ip6tables=false',
          '--bridge=none',
          '--storage-driver=vfs',
          '--host',
          host,
          '--data-root',
          join(dir, 'root'),
          '--exec-root',
          join(dir, 'x'),
          '--pidfile',
          join(dir, 'd.pid'),
        ],
        { stdio: 'ignore' },
      );
      await eventually(
        'the private dockerd answers',
        async () => ((await cli(['version']).catch(() => '')) ? true : undefined),
        120_000,
      );
    },
    async stop() {
      const c = child;
      if (!c || c.exitCode !== null) return;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGTERM');
      await exited;
      child = undefined;
    },
    async close() {
      await d.stop();
      await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    },
  };
  await d.start();
  return d;
}
