// A command line that cannot work as given (an unknown provider, a missing companion option): the message
// names the option and what to write instead. Exit code 2, like every input the run cannot start from.

export class UsageError extends Error {
  readonly code = 'GAUNTLET_USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
