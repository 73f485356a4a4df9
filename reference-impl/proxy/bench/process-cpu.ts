// CPU time and resident memory of a benchmarked server: the process and its descendants (nginx workers, proxy
// workers), read from /proc so the figures cover every process that serves the traffic.

import { readFileSync } from 'node:fs';

/** Linux reports utime/stime in clock ticks of 1/100 s (USER_HZ) on every common build. */
const MICROS_PER_TICK = 10_000;

function ownCpuMicros(pid: number): number {
  try {
    // Fields after the command name, which may itself contain spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * MICROS_PER_TICK;
  } catch {
    return 0;
  }
}

export function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .split(' ')
      .filter((text) => text !== '')
      .map(Number);
  } catch {
    return [];
  }
}

/** User + system CPU of `pid` and all its descendants in microseconds; 0 where /proc is missing. */
export function cpuMicros(pid: number, depth = 0): number {
  let total = ownCpuMicros(pid);
  // Bounded: a bench tree is three levels deep (bench role -> main.ts -> workers).
  if (depth < 4) for (const child of childPids(pid)) total += cpuMicros(child, depth + 1);
  return total;
}

function ownResidentBytes(pid: number): number {
  try {
    const kib = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kib === undefined ? 0 : Number(kib) * 1024;
  } catch {
    return 0;
  }
}

/** Resident memory of `pid` and all its descendants in bytes; 0 where /proc is missing. */
export function residentBytes(pid: number, depth = 0): number {
  let total = ownResidentBytes(pid);
  if (depth < 4) for (const child of childPids(pid)) total += residentBytes(child, depth + 1);
  return total;
}
