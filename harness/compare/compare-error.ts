// Bad input to `gauntlet compare`: a run that cannot be read, a threshold that does not parse. The message
// says what, where (the file, the option) and what to do, in one paragraph, as every user-facing error does.

export class CompareInputError extends Error {
  readonly code = 'GAUNTLET_COMPARE_INPUT';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CompareInputError';
  }
}
