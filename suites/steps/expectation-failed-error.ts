// The error of a step whose expectation did not hold: its message is the readable expected-versus-got
// account, shown as the step's failure.
export class ExpectationFailedError extends Error {
  readonly code = 'GAUNTLET_EXPECTATION_FAILED';
  constructor(message: string) {
    super(message);
    this.name = 'ExpectationFailedError';
  }
}
