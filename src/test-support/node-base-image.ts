/**
 * Images of Bulwark built by the test dockerd, which has no internet and so no
 * `node:20-bookworm-slim`. The base is made of real parts instead: the Debian bookworm
 * root filesystem the other tests use (`debian-rootfs.ts`, `docker import`ed) plus this
 * machine's own `node` binary (a bookworm glibc build: the same libc as the rootfs) and a
 * `node` user as the official image has. It is tagged by a hash of the rootfs, the node
 * binary and this recipe, so it is built once per content and reused by every test.
 *
 * `deployImage()` builds `deploy/Dockerfile` or `deploy/sensor/Dockerfile` on that base
 * (`--build-arg BASE_IMAGE`) from a context holding the built `dist/` (run `npm run build`
 * first), `bin/`, the console and `bulwark-node-modules.tar` — the production
 * dependencies of this checkout, which the Dockerfiles use instead of `npm ci` when present.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { copyFile, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { run, testDocker, testStateDir } from './components.js';
import { importDebianImage } from './debian-rootfs.js';
import { withFileLock } from './file-lock.js';

const repoRoot = join(import.meta.dirname, '..', '..');
/** Bumped when the recipe below changes, so a stale base is not reused. */
const RECIPE = 'node-base v1';

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** docker with the legacy builder: the CLI has no buildx plugin here, the daemon needs none. */
function dockerCli(args: string[], timeoutMs = 1_800_000): Promise<string> {
  return run('docker', args, { env: { ...testDocker().env, DOCKER_BUILDKIT: '0' }, timeoutMs });
}

async function imageExists(tag: string): Promise<boolean> {
  return dockerCli(['image', 'inspect', '--format', '{{.Id}}', tag]).then(
    () => true,
    () => false,
  );
}

/** Builds (or reuses) the node base image and resolves with its tag. */
export async function nodeBaseImage(): Promise<string> {
  const debianTag = 'bulwark-test/sensor-debian:latest';
  const debianId = await importDebianImage(debianTag);
  const nodeSha = await sha256File(process.execPath);
  const key = createHash('sha256').update(`${RECIPE}\n${debianId}\n${nodeSha}`).digest('hex').slice(0, 16);
  const tag = `bulwark-test/node-base:${key}`;
  if (await imageExists(tag)) return tag;
  return withFileLock(join(testStateDir(), `node-base-${key}.lock`), async () => {
    if (await imageExists(tag)) return tag;
    const ctx = await mkdtemp(join(tmpdir(), 'bulwark-node-base-'));
    try {
      await copyFile(process.execPath, join(ctx, 'node'));
      await writeFile(
        join(ctx, 'Dockerfile'),
        [
          `FROM ${debianId}`,
          'COPY node /usr/local/bin/node',
          // The official image's unprivileged user (uid/gid 1000), which deploy/Dockerfile uses.
          'RUN groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node',
          `ENV NODE_VERSION=${process.version.slice(1)}`,
          'CMD ["node"]',
          '',
        ].join('\n'),
      );
      await dockerCli(['build', '--quiet', '-t', tag, ctx]);
      return tag;
    } finally {
      await rm(ctx, { recursive: true, force: true });
    }
  });
}

/** The production dependencies of this checkout (`npm ls --omit=dev`), as one tar at `path`. */
async function nodeModulesTar(path: string, scratch: string): Promise<void> {
  const out = await run('npm', ['ls', '--omit=dev', '--all', '--parseable'], { env: process.env });
  const dirs = out
    .split('\n')
    .map((l) => relative(repoRoot, l.trim()))
    .filter((p) => p.startsWith('node_modules/'));
  const list = join(scratch, 'modules.list');
  await writeFile(list, `${[...new Set(dirs)].sort().join('\n')}\n`);
  await run('tar', ['-cf', path, '-C', repoRoot, '--files-from', list]);
}

/**
 * Builds `dockerfile` (relative to the repository root) on the node base image and resolves
 * with the image tag. Requires `npm run build` to have made `dist/` and `web/dist/`.
 */
export async function deployImage(dockerfile: string, name: string): Promise<string> {
  for (const built of ['dist/cli/main.js', 'web/dist/index.html'])
    if (!existsSync(join(repoRoot, built)))
      throw new Error(`${built} is missing: run \`npm run build\` first`);
  const base = await nodeBaseImage();
  const scratch = await mkdtemp(join(tmpdir(), 'bulwark-deploy-'));
  const ctx = join(scratch, 'context');
  await mkdir(ctx);
  try {
    for (const f of ['package.json', 'package-lock.json']) await copyFile(join(repoRoot, f), join(ctx, f));
    for (const d of ['dist', 'bin', 'web/dist'])
      await cp(join(repoRoot, d), join(ctx, d), { recursive: true });
    await nodeModulesTar(join(ctx, 'bulwark-node-modules.tar'), scratch);
    const tag = `bulwark-test/${name}:latest`;
    await dockerCli([
      'build',
      '--quiet',
      '-f',
      join(repoRoot, dockerfile),
      '--build-arg',
      `BASE_IMAGE=${base}`,
      '-t',
      tag,
      ctx,
    ]);
    return tag;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
