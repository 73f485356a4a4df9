// gRPC status codes by their canonical names (grpc/doc/statuscodes.md), for scenarios and printed results:
// a scenario may write `UNIMPLEMENTED` or 12 alike, and a mismatch names both.
export const GRPC_STATUS_CODES = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const;

export type GrpcStatusName = keyof typeof GRPC_STATUS_CODES;
export const GRPC_STATUS_NAMES = Object.keys(GRPC_STATUS_CODES) as GrpcStatusName[];

/** `UNIMPLEMENTED (12)`; an unknown number as itself. */
export function describeGrpcStatus(code: number): string {
  const name = GRPC_STATUS_NAMES.find((candidate) => GRPC_STATUS_CODES[candidate] === code);
  return name === undefined ? String(code) : `${name} (${code})`;
}
