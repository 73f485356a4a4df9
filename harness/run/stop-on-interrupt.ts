// What a command started is stopped when the command is interrupted (Ctrl-C, or SIGTERM from CI or
// `gauntlet down`): otherwise pod processes of the local cluster would outlive it.
//
// A command that can wind down by itself (`gauntlet run`: stop traffic, tear down, write the partial report)
// takes the first signal with windDownOnInterrupt and decides when to stop what was started
// (runInterruptCleanups); any other command runs the cleanups at once and exits. The second signal always
// exits at once: pods notice their cluster's process is gone and stop within seconds.
//
//   stopOnInterrupt(cleanup): () => void          withdraw with the returned function
//   windDownOnInterrupt(handler): () => void
//   runInterruptCleanups(): Promise<void>

type Cleanup = () => Promise<void>;

const cleanups = new Set<Cleanup>();
let windDown: ((signal: NodeJS.Signals) => void) | undefined;
let firstSignal: NodeJS.Signals | undefined;
let installed = false;

const exitCodes: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };

function install(): void {
  if (installed) return;
  installed = true;
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
}

/** Runs `cleanup` if the process is interrupted; returns a function that withdraws it. */
export function stopOnInterrupt(cleanup: Cleanup): () => void {
  install();
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

/** The first signal goes to `handler` instead of stopping everything at once; returns a function that withdraws it. */
export function windDownOnInterrupt(handler: (signal: NodeJS.Signals) => void): () => void {
  install();
  windDown = handler;
  return () => {
    if (windDown === handler) windDown = undefined;
  };
}

/** Stops what was registered with stopOnInterrupt, now (each cleanup once). */
export async function runInterruptCleanups(): Promise<void> {
  const pending = [...cleanups];
  cleanups.clear();
  await Promise.allSettled(pending.map((cleanup) => cleanup()));
}

function onSignal(signal: NodeJS.Signals): void {
  const exitCode = exitCodes[signal] ?? 130;
  if (firstSignal) {
    process.stderr.write(`\ngauntlet: ${signal} again: exiting at once\n`);
    process.exit(exitCode);
  }
  firstSignal = signal;
  if (windDown) {
    process.stderr.write(`\ngauntlet: ${signal} received: stopping traffic, tearing down and writing the partial report (again to exit at once)\n`);
    windDown(signal);
    return;
  }
  process.stderr.write(`\ngauntlet: ${signal} received, stopping what was started (again to exit at once)\n`);
  void runInterruptCleanups().then(() => process.exit(exitCode));
}
