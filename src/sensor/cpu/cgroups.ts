/**
 * Where this process sits in the cgroup hierarchies: the mounted v2 (unified) hierarchy
 * and the v1 hierarchy carrying the `cpu` controller, each as the directory of our own
 * cgroup, from /proc/self/mountinfo and /proc/self/cgroup.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Mount {
  root: string;
  point: string;
  fsType: string;
  superOptions: string[];
}

function mounts(text: string): Mount[] {
  const out: Mount[] = [];
  for (const line of text.split('\n')) {
    const [left, right] = line.split(' - ');
    if (!left || !right) continue;
    const f = left.split(' ');
    const r = right.split(' ');
    out.push({
      root: unescapeOctal(f[3] ?? '/'),
      point: unescapeOctal(f[4] ?? ''),
      fsType: r[0] ?? '',
      superOptions: (r[2] ?? '').split(','),
    });
  }
  return out;
}

/** mountinfo escapes space, tab, newline and backslash as octal. */
function unescapeOctal(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(Number.parseInt(o, 8)));
}

/** `hierarchy-id:controllers:path` lines; v2 is `0::path`. */
function memberships(text: string): { controllers: string[]; path: string }[] {
  return text
    .split('\n')
    .filter((l) => l.includes(':'))
    .map((l) => {
      const [, controllers = '', ...rest] = l.split(':');
      return { controllers: controllers ? controllers.split(',') : [], path: rest.join(':') };
    });
}

function dirOf(mount: Mount, path: string): string {
  const rel = mount.root !== '/' && path.startsWith(mount.root) ? path.slice(mount.root.length) : path;
  return join(mount.point, rel);
}

export interface OwnCgroups {
  /** Our cgroup's directory in the v2 hierarchy, when one is mounted. */
  v2?: string;
  /** Our cgroup's directory in the v1 hierarchy holding `cpu`, when one is mounted. */
  v1cpu?: string;
}

export function ownCgroups(
  mountinfo = readFileSync('/proc/self/mountinfo', 'utf8'),
  cgroup = readFileSync('/proc/self/cgroup', 'utf8'),
): OwnCgroups {
  const ms = mounts(mountinfo);
  const mine = memberships(cgroup);
  const out: OwnCgroups = {};
  const v2 = ms.find((m) => m.fsType === 'cgroup2');
  const v2path = mine.find((m) => m.controllers.length === 0 && m.path !== '')?.path;
  if (v2 && v2path !== undefined) out.v2 = dirOf(v2, v2path);
  const v1 = ms.find((m) => m.fsType === 'cgroup' && m.superOptions.includes('cpu'));
  const v1path = mine.find((m) => m.controllers.includes('cpu'))?.path;
  if (v1 && v1path !== undefined) out.v1cpu = dirOf(v1, v1path);
  return out;
}

/** Total user + system CPU time of a process in ms, from /proc/<pid>/stat; undefined once it is gone. */
export function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces and parentheses): state is 3rd.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15, in clock ticks; USER_HZ is 100 on every Linux ABI.
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/** The state letter of /proc/<pid>/stat (`T` when stopped). */
export function processState(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
  } catch {
    return undefined;
  }
}
