// The runtime's own failures (not the store's ApiError): a code a caller can switch on, and a message
// that says what went wrong and what to do.

export type RuntimeErrorCode =
  | 'BadAddressRange'
  | 'AddressesExhausted'
  | 'RepositoryRootNotFound'
  | 'PortBindFailed'
  | 'LoopbackUnavailable'
  | 'NoFreeClusterSlot';

export class RuntimeError extends Error {
  readonly code: RuntimeErrorCode;

  constructor(code: RuntimeErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RuntimeError';
    this.code = code;
  }
}
