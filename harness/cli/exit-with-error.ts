// The last stop for an error: one readable line (the error's own message says what, where and what to do),
// the stack only when GAUNTLET_DEBUG is set.

export function exitWithError(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`gauntlet: ${message}\n`);
  if (process.env.GAUNTLET_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exit(2);
}
