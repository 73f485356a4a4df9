// What a request case sends, keyed by protocol: `http:` today. A request case carries exactly one of these
// keys; later protocols (https:, grpc:, tcp:, udp:, websocket:) are added here, each with its own shape, and
// the suite dispatches on the key (suites/steps/send-case.ts).
import Type, { type Static } from 'typebox';
import { HeaderMap, nonEmptyString } from './primitives.ts';

export const HttpRequest = Type.Object(
  {
    method: Type.Optional(Type.String({ pattern: '^[A-Za-z]+$', 'x-expects': 'an HTTP method such as GET', description: 'default GET' })),
    host: Type.Optional(nonEmptyString('the Host header; default the Gateway address')),
    path: Type.String({ pattern: '^/', 'x-expects': 'a path starting with "/"', description: 'the request target: path, optionally with ?query' }),
    headers: Type.Optional(HeaderMap('request headers to send')),
    body: Type.Optional(Type.String({ description: 'a request body, sent as is' })),
  },
  { additionalProperties: false, description: 'an HTTP/1.1 request' },
);

/** Every protocol key a request case may carry, with the shape of what it sends. */
export const protocolRequests = {
  http: HttpRequest,
};

export type ProtocolName = keyof typeof protocolRequests;
export const protocolNames = Object.keys(protocolRequests) as ProtocolName[];

export type HttpRequestDocument = Static<typeof HttpRequest>;
