import { BulwarkError } from '../errors.js';

const maxHops = 40; // what Linux allows before ELOOP

/**
 * Resolves `path` through the image's symlinks the way the kernel would inside a
 * chroot: absolute targets restart at the image root and `..` never climbs above
 * it, so no link can lead out of the image. Returns the final path, which may not
 * exist. Throws SYMLINK_LOOP when links chase each other.
 */
export function resolveInImage(path: string, symlinks: ReadonlyMap<string, string>): string {
  let pending = path.split('/').filter((p) => p !== '' && p !== '.');
  const done: string[] = [];
  let hops = 0;
  while (pending.length > 0) {
    const part = pending.shift() as string;
    if (part === '..') {
      done.pop();
      continue;
    }
    done.push(part);
    const target = symlinks.get(done.join('/'));
    if (target === undefined) continue;
    hops += 1;
    if (hops > maxHops) {
      throw new BulwarkError('SYMLINK_LOOP', `symlink loop while resolving /${path} (at /${done.join('/')})`);
    }
    done.pop();
    if (target.startsWith('/')) done.length = 0;
    pending = [...target.split('/').filter((p) => p !== '' && p !== '.'), ...pending];
  }
  return done.join('/');
}
