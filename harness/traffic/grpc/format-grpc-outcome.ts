// A gRPC call's outcome printed the way grpcurl prints one, so that a person who knows grpcurl reads it at
// once: with -v the method, the request metadata, the response headers, the message and the trailers; without,
// the message alone. A failed call prints grpcurl's ERROR block (Code in grpc-go's spelling, and Message).
import type { GrpcCallOutcome, GrpcCallSpec } from './grpc-echo-call.ts';
import { GRPC_STATUS_NAMES } from './grpc-status-names.ts';

/** grpc-go's spelling of a code (`Unimplemented`, `DeadlineExceeded`), which grpcurl prints. */
export function grpcGoCodeName(code: number): string {
  const name = GRPC_STATUS_NAMES[code];
  if (name === undefined) return `Code(${code})`;
  return name === 'OK' ? 'OK' : name.toLowerCase().replace(/(^|_)([a-z])/g, (_match, _separator: string, letter: string) => letter.toUpperCase());
}

function metadataLines(title: string, metadata: Record<string, string[]> | undefined): string[] {
  const entries = Object.entries(metadata ?? {}).flatMap(([name, values]) => values.map((value) => `${name}: ${value}`));
  return ['', `${title}:`, ...(entries.length === 0 ? ['(empty)'] : entries)];
}

export function formatGrpcOutcome(call: GrpcCallSpec & { service: string }, outcome: GrpcCallOutcome, verbose: boolean): string {
  const lines: string[] = [];
  if (verbose) {
    lines.push('', `Resolved method descriptor: ${call.service}.${call.method}`);
    lines.push(...metadataLines('Request metadata to send', Object.fromEntries(Object.entries(call.metadata ?? {}).map(([name, value]) => [name, [value]]))));
    lines.push(...metadataLines('Response headers received', outcome.metadata?.headers));
  }
  if (outcome.code === 0) {
    if (verbose) lines.push('', 'Response contents:');
    // Unset message fields decode as null; grpcurl leaves unset fields out, and so do we.
    lines.push(JSON.stringify(outcome.response ?? {}, (_key, value: unknown) => (value === null ? undefined : value), 2));
  }
  if (verbose) lines.push(...metadataLines('Response trailers received', outcome.metadata?.trailers), `Sent 1 request and received ${outcome.code === 0 ? 1 : 0} response`);
  if (outcome.code !== 0) lines.push('ERROR:', `  Code: ${grpcGoCodeName(outcome.code)}`, `  Message: ${outcome.details}`);
  return `${lines.join('\n').replace(/^\n/, '')}\n`;
}
