// Every problem with a Corefile or the responder's arguments, with where it is (file:line) and what to do.

export class CorefileError extends Error {
  readonly code: 'COREFILE_SYNTAX' | 'COREFILE_UNSUPPORTED' | 'DNS_RESPONDER_ARGS';
  constructor(code: CorefileError['code'], message: string) {
    super(message);
    this.name = 'CorefileError';
    this.code = code;
  }
}
