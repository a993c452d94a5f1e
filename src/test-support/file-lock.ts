/**
 * A cross-process lock for caches that several test files (run in parallel by node --test)
 * build at the same time. `mkdir` is atomic; the owner's pid inside lets a waiter take over
 * the lock of a process that died mid-build.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Runs `work` while holding the lock directory `lockDir`; waits (up to `timeoutMs`) for other holders. */
export async function withFileLock<T>(
  lockDir: string,
  work: () => Promise<T>,
  timeoutMs = 600_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await mkdir(lockDir);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = Number.parseInt(await readFile(join(lockDir, 'pid'), 'utf8').catch(() => ''), 10);
    if (Number.isFinite(owner) && !alive(owner)) {
      await rm(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for lock ${lockDir} (held by pid ${owner})`);
    await sleep(200);
  }
  await writeFile(join(lockDir, 'pid'), String(process.pid));
  try {
    return await work();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}
