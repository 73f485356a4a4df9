// One unary call to the gRPC echo service through a gateway, with grpc-js: any service and method name (the
// path is `/<service>/<method>`, so calls the gateway must refuse can be made too), metadata, the :authority,
// over cleartext (h2c) or TLS (ALPN h2). The call's gRPC status and, when it succeeded, the echo's account of
// it (method, metadata, authority, which pod and Service answered) come back; a deadline bounds it.
//
//   callGrpcEcho(target, call, options?): Promise<GrpcCallOutcome>
//   openGrpcEchoChannel(target, call): GrpcEchoChannel   (for many calls on one channel: load runs)
import { type CallOptions, type ChannelCredentials, Client, credentials, Metadata, type ServiceError } from '@grpc/grpc-js';
import { GRPC_ECHO_SERVICE, grpcEchoService } from '../../../reference-impl/echo/grpc/grpc-echo-definition.ts';
import type { ProbeTarget } from '../send-request.ts';
import { checkServerIdentity } from '../tls/server-identity.ts';

export interface GrpcCallSpec {
  /** Fully qualified service name; default the echo's. */
  service?: string;
  method: string;
  /** Sent as :authority; absent: host:port of the target. */
  authority?: string;
  metadata?: Record<string, string>;
  /** Over TLS with ALPN h2; absent: h2c. `ca` absent: the server certificate is not verified. */
  tls?: { serverName?: string; ca?: string };
}

/** What the echo reported of the call it received. */
export interface GrpcEchoAccount {
  method: string;
  authority: string;
  /** Metadata name (lower case) -> values, :authority included as the echo lists it. */
  headers: Record<string, string[]>;
  namespace: string;
  service: string;
  pod: string;
  /** Present when the call reached the echo over TLS (the gateway spoke TLS to it): the SNI it received. */
  tls?: { serverName: string };
}

export interface GrpcCallOutcome {
  code: number;
  details: string;
  /** Present when the call succeeded with an echo answer. */
  echo?: GrpcEchoAccount;
  /** The answer message as decoded (field names as in the .proto), when the call succeeded. */
  response?: unknown;
  /** Response headers and trailers the server sent (metadata), names lower case. */
  metadata?: { headers: Record<string, string[]>; trailers: Record<string, string[]> };
  elapsedMs: number;
}

export const DEFAULT_GRPC_DEADLINE_MS = 5000;

interface EchoAnswer {
  assertions?: {
    fully_qualified_method?: string;
    authority?: string;
    headers?: { key: string; value: string }[];
    context?: { namespace?: string; service_name?: string; pod?: string };
    tls_assertions?: { server_name?: string; negotiated_protocol?: string } | null;
  };
}

export interface GrpcEchoChannel {
  call(deadlineMs?: number): Promise<GrpcCallOutcome>;
  close(): void;
}

function channelCredentials(tls: GrpcCallSpec['tls']): ChannelCredentials {
  if (tls === undefined) return credentials.createInsecure();
  // Names are checked as upstream's Go client checks them (server-identity.ts), not by Node's stricter rules.
  if (tls.ca !== undefined) return credentials.createSsl(Buffer.from(tls.ca), null, null, { checkServerIdentity });
  return credentials.createSsl(null, null, null, { rejectUnauthorized: false });
}

export function openGrpcEchoChannel(target: ProbeTarget, spec: GrpcCallSpec): GrpcEchoChannel {
  const serverName = spec.tls?.serverName ?? spec.authority?.replace(/:\d+$/, '');
  const options = {
    ...(spec.authority === undefined ? {} : { 'grpc.default_authority': spec.authority }),
    ...(spec.tls !== undefined && serverName !== undefined ? { 'grpc.ssl_target_name_override': serverName } : {}),
  };
  const client = new Client(`${target.host}:${target.port}`, channelCredentials(spec.tls), options);
  const definition = grpcEchoService().service.Echo;
  if (definition === undefined) throw new Error(`the gRPC echo definition lacks Echo (${GRPC_ECHO_SERVICE})`);
  const path = `/${spec.service ?? GRPC_ECHO_SERVICE}/${spec.method}`;
  return {
    call(deadlineMs = DEFAULT_GRPC_DEADLINE_MS) {
      const metadata = new Metadata();
      for (const [name, value] of Object.entries(spec.metadata ?? {})) metadata.add(name, value);
      const callOptions: CallOptions = { deadline: Date.now() + deadlineMs };
      const started = performance.now();
      return new Promise<GrpcCallOutcome>((resolve) => {
        const received = { headers: {}, trailers: {} } as NonNullable<GrpcCallOutcome['metadata']>;
        const call = client.makeUnaryRequest(path, definition.requestSerialize, definition.responseDeserialize, {}, metadata, callOptions, (error: ServiceError | null, answer?: unknown) => {
          const elapsedMs = performance.now() - started;
          if (error) resolve({ code: error.code, details: error.details, elapsedMs, metadata: { ...received, trailers: textOf(error.metadata) } });
          else resolve({ code: 0, details: '', elapsedMs, response: answer, metadata: received, ...accountOf(answer as EchoAnswer | undefined) });
        });
        call.on('metadata', (headers: Metadata) => {
          received.headers = textOf(headers);
        });
        call.on('status', (status: { metadata: Metadata }) => {
          received.trailers = textOf(status.metadata);
        });
      });
    },
    close: () => client.close(),
  };
}

/** One call on a fresh channel, closed afterwards: each call is a new HTTP/2 connection, as upstream's client does. */
export async function callGrpcEcho(target: ProbeTarget, spec: GrpcCallSpec, deadlineMs = DEFAULT_GRPC_DEADLINE_MS): Promise<GrpcCallOutcome> {
  const channel = openGrpcEchoChannel(target, spec);
  try {
    return await channel.call(deadlineMs);
  } finally {
    channel.close();
  }
}

function textOf(metadata: Metadata | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(metadata?.toJSON() ?? {})) out[name] = values.map((value) => (typeof value === 'string' ? value : Buffer.from(value).toString('base64')));
  return out;
}

function accountOf(answer: EchoAnswer | undefined): { echo?: GrpcEchoAccount } {
  const assertions = answer?.assertions;
  if (assertions === undefined) return {};
  const headers: Record<string, string[]> = {};
  for (const { key, value } of assertions.headers ?? []) headers[key.toLowerCase()] = [...(headers[key.toLowerCase()] ?? []), value];
  const context = assertions.context ?? {};
  return {
    echo: {
      method: assertions.fully_qualified_method ?? '',
      authority: assertions.authority ?? '',
      headers,
      namespace: context.namespace ?? '',
      service: context.service_name ?? '',
      pod: context.pod ?? '',
      // An absent message field decodes as null.
      ...(assertions.tls_assertions == null ? {} : { tls: { serverName: assertions.tls_assertions.server_name ?? '' } }),
    },
  };
}
