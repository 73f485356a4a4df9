// What a request case sends, keyed by protocol: `http:`, `h2c:` and `websocket:` today. A request case carries
// exactly one of these keys; later protocols (https:, grpc:, tcp:, udp:) are added here, each with its own
// shape, and the suite dispatches on the key (suites/steps/run-request-case.ts). Splits and the load phase send
// the plain HttpRequest.
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

// A request case sends its requests one by one, so each can carry a value of its own; splits and load cannot.
const caseOnlyFields = {
  uniqueQueryParam: Type.Optional(
    Type.String({
      pattern: '^[A-Za-z0-9._~-]+$',
      'x-expects': 'a query parameter name such as uuid',
      description: 'a query parameter given a fresh unique value (a UUID) on every request sent, such as the uuid a retry simulation counts attempts by; a backend.path expectation is extended with it',
    }),
  ),
};

/** `http:` of a request case: an HTTP/1.1 request, optionally with a fresh query value per request. */
export const HttpCaseRequest = Type.Object({ ...HttpRequest.properties, ...caseOnlyFields }, { additionalProperties: false, description: 'an HTTP/1.1 request' });

/** `h2c:` of a request case: the same fields, sent as HTTP/2 with prior knowledge over cleartext. */
export const H2cCaseRequest = Type.Object(
  { ...HttpRequest.properties, ...caseOnlyFields },
  { additionalProperties: false, description: 'an HTTP/2 request with prior knowledge over cleartext (h2c) on a fresh connection; host is sent as :authority' },
);

const WebSocketMessage = Type.Union(
  [
    Type.String({ description: 'a text message' }),
    Type.Object({ binary: Type.Array(Type.Integer({ minimum: 0, maximum: 255 }), { minItems: 1, description: 'the bytes of a binary message' }) }, { additionalProperties: false }),
  ],
  { 'x-expects': 'a text message, or {binary: [bytes]}' },
);

export const WebSocketRequest = Type.Object(
  {
    host: Type.Optional(nonEmptyString('the Host header of the upgrade request; default the Gateway address')),
    path: Type.String({ pattern: '^/', 'x-expects': 'a path starting with "/"', description: 'the upgrade request target, e.g. /ws' }),
    headers: Type.Optional(HeaderMap('headers of the upgrade request')),
    messages: Type.Optional(Type.Array(WebSocketMessage, { minItems: 1, description: 'sent one by one; each must come back unchanged. Default: one text and one binary message' })),
  },
  { additionalProperties: false, description: 'a WebSocket connection (an HTTP/1.1 upgrade) whose messages the echo backend sends back' },
);

/** Every protocol key a request case may carry, with the shape of what it sends. */
export const protocolRequests = {
  http: HttpCaseRequest,
  h2c: H2cCaseRequest,
  websocket: WebSocketRequest,
};

export type ProtocolName = keyof typeof protocolRequests;
export const protocolNames = Object.keys(protocolRequests) as ProtocolName[];

export type HttpRequestDocument = Static<typeof HttpRequest>;
export type HttpCaseRequestDocument = Static<typeof HttpCaseRequest>;
export type WebSocketRequestDocument = Static<typeof WebSocketRequest>;
export type WebSocketMessageDocument = Static<typeof WebSocketMessage>;
