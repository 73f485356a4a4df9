// Whether this command speaks JSON on stdout (`--json`): then stdout carries exactly one JSON document, the
// result or, when the command fails, `{"error": {"code", "message"}}`; people-facing text stays on stderr.

let enabled = false;

export const jsonOutput = {
  enable(): void {
    enabled = true;
  },
  get enabled(): boolean {
    return enabled;
  },
  /** Writes `value` as the command's one JSON document. */
  write(value: unknown): void {
    process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  },
};
