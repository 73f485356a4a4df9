// The traffic a scenario sends: request cases (one request, one expectation, held 3 times in a row) and
// weighted splits (load runs are in load-format.ts). `gateway` and `port` fall back to the scenario's `defaults`.
import Type, { type Static } from 'typebox';
import { Expectation, ReceivedExpectation } from './expectation-format.ts';
import { nonEmptyString, ObjectRef, Port, Weights } from './primitives.ts';
import { GrpcCallRequest, HttpRequest, protocolRequests, TcpStreamRequest, UdpDatagramRequest } from './protocol-requests.ts';

const targetFields = {
  gateway: Type.Optional(ObjectRef('the Gateway to send through: "namespace/name" or {namespace, name}; default defaults.gateway')),
  port: Type.Optional(Port('the listener port; default defaults.port, else 80')),
};

const protocolFields = Object.fromEntries(Object.entries(protocolRequests).map(([name, schema]) => [name, Type.Optional(schema)])) as {
  [P in keyof typeof protocolRequests]: ReturnType<typeof Type.Optional<(typeof protocolRequests)[P]>>;
};

export const RequestCase = Type.Object(
  {
    name: Type.Optional(nonEmptyString('the step name; default "METHOD host/path"')),
    ...targetFields,
    ...protocolFields,
    expect: Type.Optional(Expectation),
    samples: Type.Optional(Type.Integer({ minimum: 20, maximum: 100_000, description: 'requests sent to judge mirroredTo percentages; default 500' })),
  },
  { additionalProperties: false, description: 'one request (exactly one protocol key) and what must come back' },
);

export const SplitCase = Type.Object(
  {
    name: Type.Optional(nonEmptyString('the step name')),
    ...targetFields,
    http: Type.Optional(HttpRequest),
    tcp: Type.Optional(TcpStreamRequest),
    udp: Type.Optional(UdpDatagramRequest),
    grpc: Type.Optional(GrpcCallRequest),
    weights: Weights('backend (pod name prefix or Service name) -> relative weight; 0 means never'),
    samples: Type.Optional(Type.Integer({ minimum: 20, maximum: 100_000, description: 'default 500' })),
    received: Type.Optional(
      Type.Record(Type.String(), ReceivedExpectation, {
        description: 'backend (a name in weights) -> what each sampled request it answered must have carried; checked on every sample',
      }),
    ),
  },
  { additionalProperties: false, description: 'many requests (http:), TCP connections (tcp:), UDP flows (udp:, each from a fresh socket) or gRPC calls (grpc:, each on a fresh connection): exactly one of the four; their backends must follow the weights' },
);

export type RequestCaseDocument = Static<typeof RequestCase>;
export type SplitCaseDocument = Static<typeof SplitCase>;
