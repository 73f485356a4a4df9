// The 410 a paged list gets when the snapshot its continue token names was compacted away. As the real
// API server does, the Status carries a fresh token (metadata.continue) that resumes at the current state,
// for clients that accept an inconsistent list.

import { ApiError } from '../../store/api-error.ts';

const EXPIRED_MESSAGE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, ' +
  'or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an ' +
  'inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

export class ExpiredContinueError extends ApiError {
  /** Resumes after the same key at the latest state. */
  readonly continueToken: string;

  constructor(continueToken: string) {
    super(410, 'Expired', EXPIRED_MESSAGE);
    this.continueToken = continueToken;
  }
}
