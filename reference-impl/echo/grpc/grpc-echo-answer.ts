// What the gRPC echo answers: the method called, every metadata entry received (with :authority, as
// upstream's Go server lists it), the pod context and, over TLS, what the connection negotiated.

import type { Metadata } from '@grpc/grpc-js';
import type { EchoContext } from '../echo-answer.ts';
import type { TlsAssertions } from '../tls-assertions.ts';
import { GRPC_ECHO_SERVICE } from './grpc-echo-definition.ts';

export interface GrpcEchoResponse {
  assertions: {
    fully_qualified_method: string;
    headers: { key: string; value: string }[];
    authority: string;
    context: { namespace: string; ingress: string; service_name: string; pod: string };
    tls_assertions?: {
      version: string;
      negotiated_protocol: string;
      server_name: string;
      cipher_suite: string;
      peer_certificates: string[];
    };
  };
}

export function grpcEchoResponse(method: string, authority: string, metadata: Metadata, context: EchoContext, tls: TlsAssertions | undefined): GrpcEchoResponse {
  const headers = [{ key: ':authority', value: authority }];
  for (const [key, values] of Object.entries(metadata.toJSON())) {
    // Binary (-bin) entries arrive decoded; upstream reports their bytes as the string value.
    for (const value of values) headers.push({ key, value: typeof value === 'string' ? value : Buffer.from(value).toString('latin1') });
  }
  const response: GrpcEchoResponse = {
    assertions: {
      fully_qualified_method: `/${GRPC_ECHO_SERVICE}/${method}`,
      headers,
      authority,
      context: { namespace: context.namespace, ingress: context.ingress, service_name: context.service, pod: context.pod },
    },
  };
  if (tls !== undefined) {
    response.assertions.tls_assertions = {
      version: tls.version,
      negotiated_protocol: tls.negotiatedProtocol ?? '',
      server_name: tls.serverName,
      cipher_suite: tls.cipherSuite,
      peer_certificates: tls.peerCertificates ?? [],
    };
  }
  return response;
}
