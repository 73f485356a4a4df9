// The last stop for an error: one paragraph on stderr (see describe-failure.ts), and with --json the same as
// {"error": {"code", "message"}} on stdout, so a script reading stdout learns why too. The stack trace only
// with --debug (or GAUNTLET_DEBUG set). Exit code 2: the command could not do its job.
import { describeFailure } from './describe-failure.ts';
import { jsonOutput } from './json-output.ts';

let debug = Boolean(process.env.GAUNTLET_DEBUG);

/** --debug: stack traces with errors. */
export function enableDebug(): void {
  debug = true;
}

export function exitWithError(error: unknown): never {
  const failure = describeFailure(error);
  if (jsonOutput.enabled) jsonOutput.write({ error: { code: failure.code, message: failure.message } });
  process.stderr.write(`gauntlet: ${failure.message}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exit(2);
}
