// The GrpcEcho service definition, loaded from our grpc-echo.proto at start-up (no generated code to
// keep in step with the .proto).

import { fileURLToPath } from 'node:url';
import { type GrpcObject, loadPackageDefinition, type ServiceClientConstructor, type ServiceDefinition } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';

export const GRPC_ECHO_PROTO = fileURLToPath(new URL('./grpc-echo.proto', import.meta.url));
export const GRPC_ECHO_SERVICE = 'gateway_api_conformance.echo_basic.grpcecho.GrpcEcho';

/** Field names as in the .proto (snake_case), so messages read like the specification's. */
export const PROTO_LOADER_OPTIONS = { keepCase: true, defaults: true, oneofs: true } as const;

/** The service constructor (a client class; its `.service` is the server-side definition). */
export function grpcEchoService(): ServiceClientConstructor {
  const loaded = loadPackageDefinition(loadSync(GRPC_ECHO_PROTO, PROTO_LOADER_OPTIONS));
  let node: GrpcObject | ServiceClientConstructor | undefined = loaded;
  for (const part of GRPC_ECHO_SERVICE.split('.')) node = (node as GrpcObject | undefined)?.[part] as GrpcObject | ServiceClientConstructor | undefined;
  if (typeof node !== 'function') throw new Error(`${GRPC_ECHO_PROTO} does not define ${GRPC_ECHO_SERVICE}`);
  return node;
}

export function grpcEchoServiceDefinition(): ServiceDefinition {
  return grpcEchoService().service;
}
