// PROXY_WORKERS=N: the proxy runs as N processes sharing every listener port through SO_REUSEPORT, so
// it can use more than one core. The first process (the pod's main process) also serves the admin
// port; it starts the N-1 others as children of the same entry script, which follow the same config
// stream, bind no admin port of their own, and exit when their parent goes away.

import { type ChildProcess, fork } from 'node:child_process';
import type { Logger } from 'pino';

/** Set in the environment of the extra workers: the pid of the process that started them. */
export const WORKER_OF_ENV = 'PROXY_WORKER_OF';

export class WorkerCountError extends Error {
  readonly code = 'PROXY_BAD_WORKER_COUNT';
  constructor(text: string) {
    super(`PROXY_WORKERS "${text}" is not a whole number from 1 to 64; set it to the number of proxy processes (usually the core count)`);
    this.name = 'WorkerCountError';
  }
}

/** Reads PROXY_WORKERS; unset or empty means 1. */
export function workerCountOf(text: string | undefined): number {
  if (text === undefined || text === '') return 1;
  const count = Number(text);
  if (!Number.isInteger(count) || count < 1 || count > 64) throw new WorkerCountError(text);
  return count;
}

export interface ExtraWorkers {
  /** SIGTERM to each worker (each drains like the main process), resolved once all have exited. */
  stop(): Promise<void>;
}

export function startExtraWorkers(count: number, logger: Logger): ExtraWorkers {
  const workers: ChildProcess[] = [];
  let stopping = false;
  for (let i = 1; i <= count; i++) {
    const worker = fork(process.argv[1] ?? '', process.argv.slice(2), {
      env: { ...process.env, [WORKER_OF_ENV]: String(process.pid), ADMIN_PORT: '0' },
      execArgv: process.execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    worker.once('exit', (code, signal) => {
      // Not restarted: the kernel stops handing connections to a closed socket, the others carry on.
      if (!stopping) logger.error({ worker: i, code, signal }, 'proxy worker exited; the remaining processes keep serving');
    });
    workers.push(worker);
  }
  return {
    async stop() {
      stopping = true;
      const exits = workers.map((w) => (w.exitCode !== null || w.signalCode !== null ? Promise.resolve() : new Promise<void>((r) => w.once('exit', () => r()))));
      for (const worker of workers) worker.kill('SIGTERM');
      await Promise.all(exits);
    },
  };
}
