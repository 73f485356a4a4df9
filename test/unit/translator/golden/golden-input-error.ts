// A golden case whose input cannot stand for a real cluster (a field the CRD does not have, an object the CRD
// rejects without saying so, a missing expected file): said with the file and line of the object concerned.
export class GoldenInputError extends Error {
  readonly code = 'GAUNTLET_GOLDEN_INPUT';
  constructor(where: { file: string; line: number }, message: string) {
    super(`${where.file}:${where.line}: ${message}`);
    this.name = 'GoldenInputError';
  }
}
