// What a command started is stopped when the command is interrupted (Ctrl-C, or SIGTERM from CI or
// `gauntlet down`): otherwise pod processes of the local cluster would outlive it.

type Cleanup = () => Promise<void>;

const cleanups = new Set<Cleanup>();
let installed = false;

/** Runs `cleanup` if the process is interrupted; returns a function that withdraws it. */
export function stopOnInterrupt(cleanup: Cleanup): () => void {
  if (!installed) {
    installed = true;
    process.once('SIGINT', () => void interrupted('SIGINT', 130));
    process.once('SIGTERM', () => void interrupted('SIGTERM', 143));
  }
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

async function interrupted(signal: NodeJS.Signals, exitCode: number): Promise<void> {
  process.stderr.write(`gauntlet: ${signal} received, stopping what was started\n`);
  await Promise.allSettled([...cleanups].map((cleanup) => cleanup()));
  process.exit(exitCode);
}
