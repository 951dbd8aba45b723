/**
 * CPU time of this process and of the machine pool's workers, for figures that mean
 * something on a shared machine: wall-clock rates depend on what else runs, the CPU each
 * command costs does not (much). Workers' time comes from /proc/PID/stat (Linux; clock ticks).
 */
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/** utime + stime of PID, ms (0 when it cannot be read: not Linux, or the process is gone). */
function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) in parentheses: state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

export interface CpuSample {
  mainMs: number;
  workersMs: number;
}

export function cpuNow(workerPids: readonly number[]): CpuSample {
  const usage = process.cpuUsage();
  return { mainMs: (usage.user + usage.system) / 1000, workersMs: workerPids.reduce((sum, pid) => sum + processCpuMs(pid), 0) };
}

export function cpuSince(before: CpuSample, workerPids: readonly number[]): CpuSample {
  const now = cpuNow(workerPids);
  return { mainMs: now.mainMs - before.mainMs, workersMs: now.workersMs - before.workersMs };
}
