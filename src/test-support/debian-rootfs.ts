/**
 * Real Debian bookworm root filesystems for tests that need a genuine dpkg database, and the
 * truth to compare against: what `dpkg-query` itself reads from that database.
 *
 * Built once per package list with `mmdebstrap --variant=minbase` (about 20 s, from the
 * machine's apt sources) and cached under `$STATE/rootfs/<hash>/`; parallel test files wait
 * on a lock instead of building twice.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docker, run, testStateDir } from './components.js';
import { withFileLock } from './file-lock.js';

export interface DebianRootfs {
  /** A tar of the whole root filesystem, entries named `./usr/…`. */
  tarPath: string;
  /** sha256 (hex) of the tar file, to tell one build from another. */
  sha256: string;
  /** The packages passed to `--include`, sorted. */
  extraPackages: string[];
}

export interface DpkgRow {
  package: string;
  version: string;
  architecture: string;
  /** Source package and version, as dpkg-query derives them (the package itself when no Source field). */
  source: string;
  sourceVersion: string;
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Builds (or reuses) a bookworm minbase root filesystem with `extraPackages` installed. */
export async function debianRootfs(extraPackages: string[] = ['jq', 'less']): Promise<DebianRootfs> {
  const packages = [...new Set(extraPackages)].sort();
  const key = createHash('sha256').update(packages.join('\n')).digest('hex').slice(0, 16);
  const dir = join(testStateDir(), 'rootfs', key);
  const tarPath = join(dir, 'rootfs.tar');
  const shaPath = join(dir, 'rootfs.tar.sha256');
  await mkdir(join(testStateDir(), 'rootfs'), { recursive: true });
  if (!existsSync(shaPath)) {
    await withFileLock(`${dir}.lock`, async () => {
      if (existsSync(shaPath)) return;
      await mkdir(dir, { recursive: true });
      // mmdebstrap picks its output format from the file name: keep the .tar suffix.
      const partial = join(dir, `partial-${process.pid}.tar`);
      const include = packages.length > 0 ? [`--include=${packages.join(',')}`] : [];
      try {
        await run('mmdebstrap', ['--quiet', '--variant=minbase', ...include, 'bookworm', partial], {
          timeoutMs: 600_000,
        });
      } catch (err) {
        await rm(partial, { force: true });
        throw err;
      }
      await rename(partial, tarPath);
      // The checksum file is written last: its presence marks a complete build.
      await writeFile(shaPath, await sha256File(tarPath));
    });
  }
  return { tarPath, sha256: (await readFile(shaPath, 'utf8')).trim(), extraPackages: packages };
}

/**
 * The truth about a root filesystem tar: `dpkg-query -W` over its own dpkg database, one row
 * per installed package, in dpkg-query's order.
 */
export async function dpkgQuery(tarPath: string): Promise<DpkgRow[]> {
  const root = await mkdtemp(join(tmpdir(), 'bulwark-dpkg-'));
  try {
    await run('tar', ['-xf', tarPath, '-C', root, './var/lib/dpkg']);
    const out = await run('dpkg-query', [
      `--admindir=${join(root, 'var/lib/dpkg')}`,
      '-W',
      '-f',
      // dpkg-query's own `${Field}` syntax; dpkg-query expands the backslash escapes itself.
      `${['Package', 'Version', 'Architecture', 'source:Package', 'source:Version'].map((field) => `\${${field}}`).join('\\t')}\\n`,
    ]);
    return out
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => {
        const [pkg = '', version = '', architecture = '', source = '', sourceVersion = ''] = line.split('\t');
        return { package: pkg, version, architecture, source, sourceVersion };
      });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/**
 * `docker import`s the root filesystem into the test dockerd as `tag` and resolves with the
 * image id (`sha256:…`). Reuses the tag when it already holds this very tar (a label records
 * the tar's checksum), so repeated runs do not pile up 170 MB images.
 */
export async function importDebianImage(tag: string, extraPackages?: string[]): Promise<string> {
  const rootfs = await debianRootfs(extraPackages);
  const lockName = createHash('sha256').update(tag).digest('hex').slice(0, 16);
  return withFileLock(join(testStateDir(), `import-${lockName}.lock`), async () => {
    const existing = await docker([
      'image',
      'inspect',
      '--format',
      '{{.Id}} {{index .Config.Labels "bulwark.rootfs-sha256"}}',
      tag,
    ]).catch(() => '');
    const [id, label] = existing.trim().split(' ');
    if (id && label === rootfs.sha256) return id;
    const out = await docker([
      'import',
      '--change',
      `LABEL bulwark.rootfs-sha256=${rootfs.sha256}`,
      '--change',
      'CMD ["/bin/bash"]',
      rootfs.tarPath,
      tag,
    ]);
    return out.trim();
  });
}

/**
 * The truth about a built image: `dpkg-query -W` run inside it by the test dockerd,
 * as sorted `name version` lines.
 */
export async function dpkgQueryInImage(image: string): Promise<string[]> {
  const format = `${['Package', 'Version'].map((field) => `\${${field}}`).join(' ')}\\n`;
  const out = await docker(['run', '--rm', '--network', 'none', image, 'dpkg-query', '-W', '-f', format]);
  return out.trim().split('\n').sort();
}
