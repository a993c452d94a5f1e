/**
 * CpuUsageLimit as numbers. The limit is a percentage of the host's whole CPU (all cores:
 * 50 on a 4-core host is two cores' worth), 0 meaning no limit. A cgroup gets it as a
 * quota per period; without one, `DutyCycle` holds the scan worker's average CPU at the
 * limit by pausing it while it has used more than its share.
 */

/** CPU time the limit allows per second of wall time, in cores. */
export function limitCores(percent: number, cpus: number): number {
  return (Math.min(100, Math.max(0, percent)) / 100) * Math.max(1, cpus);
}

export const PERIOD_US = 100_000;
/** The kernel refuses a quota below 1 ms. */
const MIN_QUOTA_US = 1_000;

export function quotaUs(percent: number, cpus: number, periodUs = PERIOD_US): number {
  return Math.max(MIN_QUOTA_US, Math.round(limitCores(percent, cpus) * periodUs));
}

/** The cgroup v2 `cpu.max` line: `<quota> <period>` in microseconds. */
export function cpuMax(percent: number, cpus: number, periodUs = PERIOD_US): string {
  return `${quotaUs(percent, cpus, periodUs)} ${periodUs}`;
}

/**
 * A budget of CPU time that fills at `cores` per wall-clock second and drains by what the
 * worker used; the worker runs while the budget is not overdrawn. The budget never holds
 * more than `burstMs` of credit, so an idle hour does not buy a minute at full speed.
 */
export class DutyCycle {
  private credit = 0;
  private lastWall: number | undefined;
  private lastCpu: number | undefined;

  constructor(
    readonly cores: number,
    readonly burstMs = 500,
  ) {}

  /** Given the wall clock and the worker's total CPU time (both ms), should it run now? */
  step(wallMs: number, cpuMs: number): 'run' | 'pause' {
    if (this.lastWall !== undefined && this.lastCpu !== undefined) {
      const earned = (wallMs - this.lastWall) * this.cores;
      const used = Math.max(0, cpuMs - this.lastCpu);
      this.credit = Math.min(this.burstMs * this.cores, this.credit + earned - used);
    }
    this.lastWall = wallMs;
    this.lastCpu = cpuMs;
    return this.credit < 0 ? 'pause' : 'run';
  }
}
