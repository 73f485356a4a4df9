// A pod process outlives nothing: when the process that runs the cluster dies (kill -9 included, which no
// handler sees), the pod stops itself within about two seconds, so no pod lingers holding addresses and ports.
// Portable (no prctl): every half second it compares its parent pid with the one it started with; a
// process whose parent dies is re-parented (to init or a subreaper).
import { isAlive } from './recorded-pods.ts';

const CHECK_EVERY_MS = 500;
/** How long the pod may drain after its SIGTERM before it exits anyway. */
const DRAIN_MS = 1500;

/**
 * Calls `onOrphaned` once the parent is gone. `kubeletPid` covers the start: a pod whose kubelet died
 * before this ran has already been re-parented, and a process forked by a pod (whose parent is that pod)
 * also stops once the kubelet is gone.
 */
export function watchParent(kubeletPid: number, onOrphaned: (reason: string) => void): void {
  const parentAtStart = process.ppid;
  const check = (): boolean => {
    const reason =
      process.ppid !== parentAtStart
        ? `its parent process ${parentAtStart} is gone`
        : parentAtStart !== kubeletPid && !isAlive(kubeletPid)
          ? `the local cluster's process ${kubeletPid} is gone`
          : undefined;
    if (reason === undefined) return false;
    clearInterval(timer);
    onOrphaned(reason);
    return true;
  };
  const timer = setInterval(check, CHECK_EVERY_MS);
  timer.unref(); // the watch must never keep a finished pod alive
  check();
}

/** What an orphaned pod does: SIGTERM to itself (its own handler drains), then exit regardless. */
export function stopOrphanedPod(reason: string): void {
  process.stderr.write(`pod sandbox: ${reason}: stopping this pod (SIGTERM, exit after ${DRAIN_MS} ms)\n`);
  setTimeout(() => process.exit(137), DRAIN_MS).unref();
  process.kill(process.pid, 'SIGTERM');
}
