/**
 * CpuUsageLimit, the mechanism (no timing): the cgroup settings computed from the limit,
 * the duty cycle holding a simulated worker's average at the limit, finding our cgroups
 * in mountinfo, and on real processes: the duty cycle really stops and resumes a busy
 * child, and the limiter this machine supports really holds the child (its cgroup lists
 * it, with the computed quota).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { eventually } from '../../test-support/sensor-harness.js';
import { ownCgroups, processState } from './cgroups.js';
import { cpuMax, DutyCycle, limitCores, quotaUs } from './cpu-budget.js';
import { attachDutyCycle, limitWorker } from './cpu-limiters.js';

describe('CpuUsageLimit', () => {
  it('turns the percentage of the whole host into a cgroup quota', () => {
    assert.equal(limitCores(50, 4), 2);
    assert.equal(cpuMax(50, 2), '100000 100000');
    assert.equal(cpuMax(10, 4), '40000 100000');
    assert.equal(cpuMax(100, 2), '200000 100000');
    assert.equal(cpuMax(1, 1), '1000 100000', 'the kernel minimum');
    assert.equal(quotaUs(25, 2, 50_000), 25_000);
  });

  it('duty cycle: a worker that would use a whole core runs only its share', () => {
    for (const cores of [0.1, 0.25, 0.5]) {
      const cycle = new DutyCycle(cores);
      let cpu = 0;
      let running = 0;
      const tick = 50;
      for (let wall = 0; wall <= 60_000; wall += tick) {
        const verdict = cycle.step(wall, cpu);
        if (verdict === 'run') {
          cpu += tick; // busy: one core while it runs
          running++;
        }
      }
      const ratio = cpu / 60_000;
      assert.ok(Math.abs(ratio - cores) < 0.02, `${cores} core(s): ran at ${ratio.toFixed(3)}`);
      assert.ok(running > 0 && running < 1200, 'it both ran and paused');
    }
  });

  it('duty cycle: idle time buys at most a short burst', () => {
    const cycle = new DutyCycle(0.2, 500);
    assert.equal(cycle.step(0, 0), 'run');
    assert.equal(cycle.step(3_600_000, 0), 'run', 'an idle hour');
    // 100 ms of credit (500 ms × 0.2), then over budget.
    assert.equal(cycle.step(3_600_000, 150), 'pause');
  });

  it('finds its own cgroups in mountinfo, v2 and v1, below a mount root', () => {
    const mountinfo = [
      '30 25 0:26 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw,nsdelegate',
      '32 31 0:29 /docker/abc /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu,cpuacct',
    ].join('\n');
    const cgroup = '2:cpu,cpuacct:/docker/abc/sub\n0::/system.slice/bulwark.service\n';
    assert.deepEqual(ownCgroups(mountinfo, cgroup), {
      v2: '/sys/fs/cgroup/system.slice/bulwark.service',
      v1cpu: '/sys/fs/cgroup/cpu/sub',
    });
    assert.deepEqual(ownCgroups('', '0::/\n'), {}, 'nothing mounted: nothing found');
  });

  it('duty cycle on a real busy process: it is stopped, then resumed', async () => {
    const child = spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' });
    const pid = child.pid ?? 0;
    const limit = attachDutyCycle({ pid, percent: 5, cpus: 1, name: 'test' }, 20);
    try {
      await eventually(
        'the worker paused (state T)',
        async () => (processState(pid) === 'T' ? true : undefined),
        30_000,
      );
      await eventually(
        'the worker resumed',
        async () => (processState(pid) === 'R' ? true : undefined),
        30_000,
      );
    } finally {
      limit.release();
      assert.notEqual(processState(pid), 'T', 'released: never left stopped');
      child.kill('SIGKILL');
    }
  });

  it('the best limiter this machine allows really holds the process', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(()=>{},60000)'], { stdio: 'ignore' });
    const pid = child.pid ?? 0;
    const { limit, skipped } = limitWorker({
      pid,
      percent: 30,
      cpus: 2,
      name: `bulwark-test-${process.pid}`,
    });
    try {
      if (limit.kind === 'duty-cycle') {
        assert.equal(skipped.length, 2, 'both cgroup versions said why not');
      } else {
        const dir = limit.dir ?? '';
        assert.ok(readFileSync(`${dir}/cgroup.procs`, 'utf8').split('\n').includes(String(pid)));
        const setting =
          limit.kind === 'cgroup-v2'
            ? readFileSync(`${dir}/cpu.max`, 'utf8').trim()
            : readFileSync(`${dir}/cpu.cfs_quota_us`, 'utf8').trim();
        assert.equal(setting, limit.kind === 'cgroup-v2' ? '60000 100000' : '60000');
      }
      assert.match(limit.describe, limit.kind === 'duty-cycle' ? /duty cycle/ : /cgroup v[12] .*60000/);
    } finally {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      limit.release();
      if (limit.dir) assert.equal(existsSync(limit.dir), false, 'its cgroup is removed once empty');
    }
  });
});
