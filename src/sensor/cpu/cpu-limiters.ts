/**
 * How CpuUsageLimit is enforced on the scan worker, tried in this order; the first that
 * can attach wins and the sensor logs which one it is:
 *  1. `cgroup-v2`: our cgroup is writable and offers `cpu`: the worker goes into a child
 *     cgroup with `cpu.max`. v2 lets only leaves hold processes, so this needs the cgroup
 *     to ourselves (the sensor container, or a systemd unit with `Delegate=yes`): we move
 *     into a `sensor` leaf, enable `cpu` for children, and put the worker in a `scan` leaf.
 *  2. `cgroup-v1`: the v1 `cpu` hierarchy is writable: a child cgroup with
 *     `cpu.cfs_quota_us` / `cpu.cfs_period_us` (v1 has no leaf rule).
 *  3. `duty-cycle`: no cgroup we may write: the worker is paused (SIGSTOP) while it has
 *     used more CPU than the limit allows and resumed (SIGCONT) when it is back in budget,
 *     checked every `tickMs`; its average stays at the limit, bursts last one tick.
 */
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  rmdirSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { type OwnCgroups, ownCgroups, processCpuMs } from './cgroups.js';
import { cpuMax, DutyCycle, limitCores, PERIOD_US, quotaUs } from './cpu-budget.js';

export interface LimitRequest {
  pid: number;
  percent: number;
  cpus: number;
  /** Name of the child cgroups, unique per sensor process. */
  name: string;
}

export interface AttachedLimit {
  kind: 'cgroup-v2' | 'cgroup-v1' | 'duty-cycle';
  /** One line for the log: the mechanism and its setting. */
  describe: string;
  /** Where the worker's limit lives (cgroup directory), for diagnostics and tests. */
  dir?: string;
  release(): void;
}

export interface CpuLimiter {
  kind: AttachedLimit['kind'];
  /** Attaches the limit to `req.pid`, or says why it cannot (undefined + reason). */
  attach(req: LimitRequest, cgroups: OwnCgroups): AttachedLimit | string;
}

function writable(dir: string | undefined): dir is string {
  if (!dir || !existsSync(dir)) return false;
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function removeLater(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // still holds the worker (it exits after us) or already gone: the kernel keeps it harmlessly
  }
}

const pidsIn = (dir: string) =>
  readFileSync(join(dir, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean).map(Number);

const cgroupV2: CpuLimiter = {
  kind: 'cgroup-v2',
  attach(req, cg) {
    const dir = cg.v2;
    if (!writable(dir)) return 'no writable cgroup v2';
    if (!readFileSync(join(dir, 'cgroup.controllers'), 'utf8').split(/\s+/).includes('cpu'))
      return 'cgroup v2 offers no cpu controller here';
    const others = pidsIn(dir).filter((p) => p !== process.pid && p !== req.pid);
    if (others.length > 0) return `cgroup v2 ${dir} is shared with other processes`;
    try {
      const own = join(dir, `${req.name}-sensor`);
      const scan = join(dir, `${req.name}-scan`);
      mkdirSync(own, { recursive: true });
      writeFileSync(join(own, 'cgroup.procs'), String(process.pid));
      writeFileSync(join(dir, 'cgroup.subtree_control'), '+cpu');
      mkdirSync(scan, { recursive: true });
      const max = cpuMax(req.percent, req.cpus);
      writeFileSync(join(scan, 'cpu.max'), max);
      writeFileSync(join(scan, 'cgroup.procs'), String(req.pid));
      return {
        kind: 'cgroup-v2',
        describe: `cgroup v2 ${scan} cpu.max "${max}"`,
        dir: scan,
        release: () => removeLater(scan),
      };
    } catch (err) {
      return `cgroup v2 not usable: ${(err as Error).message}`;
    }
  },
};

const cgroupV1: CpuLimiter = {
  kind: 'cgroup-v1',
  attach(req, cg) {
    const dir = cg.v1cpu;
    if (!writable(dir)) return 'no writable cgroup v1 cpu hierarchy';
    const scan = join(dir, `${req.name}-scan`);
    try {
      mkdirSync(scan, { recursive: true });
      const quota = quotaUs(req.percent, req.cpus);
      writeFileSync(join(scan, 'cpu.cfs_period_us'), String(PERIOD_US));
      writeFileSync(join(scan, 'cpu.cfs_quota_us'), String(quota));
      writeFileSync(join(scan, 'cgroup.procs'), String(req.pid));
      return {
        kind: 'cgroup-v1',
        describe: `cgroup v1 ${scan} cpu.cfs_quota_us ${quota} per ${PERIOD_US}`,
        dir: scan,
        release: () => removeLater(scan),
      };
    } catch (err) {
      removeLater(scan);
      return `cgroup v1 not usable: ${(err as Error).message}`;
    }
  },
};

/** Ticks the duty cycle; exported for tests that attach it directly. */
export function attachDutyCycle(req: LimitRequest, tickMs = 50): AttachedLimit {
  const cycle = new DutyCycle(limitCores(req.percent, req.cpus));
  let paused = false;
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(req.pid, sig);
    } catch {
      // the worker is gone: the next tick stops the timer
    }
  };
  const timer = setInterval(() => {
    const cpu = processCpuMs(req.pid);
    if (cpu === undefined) {
      clearInterval(timer);
      return;
    }
    const pause = cycle.step(performance.now(), cpu) === 'pause';
    if (pause !== paused) signal(pause ? 'SIGSTOP' : 'SIGCONT');
    paused = pause;
  }, tickMs);
  timer.unref();
  return {
    kind: 'duty-cycle',
    describe: `duty cycle: scan worker paused whenever it is over ${cycle.cores.toFixed(2)} core(s) on average`,
    release: () => {
      clearInterval(timer);
      if (paused) signal('SIGCONT');
    },
  };
}

const dutyCycle: CpuLimiter = { kind: 'duty-cycle', attach: (req) => attachDutyCycle(req) };

/** Every way to enforce the limit, best first. */
export const cpuLimiters: readonly CpuLimiter[] = [cgroupV2, cgroupV1, dutyCycle];

/** Attaches the first limiter that can; `skipped` says why the better ones could not. */
export function limitWorker(
  req: LimitRequest,
  limiters: readonly CpuLimiter[] = cpuLimiters,
  cgroups: OwnCgroups = safeOwnCgroups(),
): { limit: AttachedLimit; skipped: string[] } {
  const skipped: string[] = [];
  for (const l of limiters) {
    const r = l.attach(req, cgroups);
    if (typeof r !== 'string') return { limit: r, skipped };
    skipped.push(r);
  }
  return { limit: attachDutyCycle(req), skipped };
}

function safeOwnCgroups(): OwnCgroups {
  try {
    return ownCgroups();
  } catch {
    return {}; // not Linux, or /proc hidden: only the duty cycle remains
  }
}
