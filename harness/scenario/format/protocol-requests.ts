// What a request case sends, keyed by protocol: `http:`, `h2c:`, `https:`, `websocket:`, `tls:`, `tcp:`, `udp:` and `grpc:`
// today. A request case carries exactly one of these keys; later protocols are added here, each with its own shape,
// and the suite dispatches on the key (suites/steps/run-request-case.ts). Splits and the load phase send the plain
// HttpRequest.
import Type, { type Static } from 'typebox';
import { HeaderMap, nonEmptyString, ObjectRef } from './primitives.ts';

const httpFields = {
  method: Type.Optional(Type.String({ pattern: '^[A-Za-z]+$', 'x-expects': 'an HTTP method such as GET', description: 'default GET' })),
  host: Type.Optional(nonEmptyString('the Host header; default the Gateway address')),
  path: Type.String({ pattern: '^/', 'x-expects': 'a path starting with "/"', description: 'the request target: path, optionally with ?query' }),
  headers: Type.Optional(HeaderMap('request headers to send')),
  body: Type.Optional(Type.String({ description: 'a request body, sent as is' })),
};

export const HttpRequest = Type.Object(httpFields, { additionalProperties: false, description: 'an HTTP/1.1 request' });

/** Where the CA certificate that must have signed the server's certificate is read from, in the cluster. */
const CaSource = Type.Object(
  {
    secret: Type.Optional(ObjectRef('a Secret ("namespace/name"): a self-signed serving certificate is its own CA')),
    configMap: Type.Optional(ObjectRef('a ConfigMap ("namespace/name")')),
    key: Type.Optional(nonEmptyString('the data key holding the PEM; default ca.crt (for a Secret without one, tls.crt)')),
  },
  { additionalProperties: false, description: 'the CA to verify the server certificate against: exactly one of secret or configMap, and optionally the key' },
);

/** An ALPN protocol a client may offer: the two HTTP versions the harness speaks over TLS. */
export const AlpnProtocol = Type.String({ pattern: '^(h2|http/1\\.1)$', 'x-expects': 'h2 or http/1.1', description: 'h2 or http/1.1' });

export const HttpsRequest = Type.Object(
  {
    ...httpFields,
    serverName: Type.Optional(Type.String({ description: 'the SNI; default the host without its port (none when the host is an address); "" sends none' })),
    alpn: Type.Optional(Type.Array(AlpnProtocol, { minItems: 1, description: 'ALPN protocols offered, in order; default [http/1.1]. HTTP/2 is spoken when the server picks h2' })),
    ca: Type.Optional(CaSource),
    clientCertificate: Type.Optional(
      ObjectRef('a kubernetes.io/tls Secret ("namespace/name") whose tls.crt and tls.key are presented when the server asks for a client certificate'),
    ),
  },
  {
    additionalProperties: false,
    description: 'an HTTP request over TLS: the handshake (SNI, ALPN, the server certificate checked against a CA, unchecked without ca; a client certificate), then HTTP/1.1 or h2',
  },
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

/** `https:` of a request case: an HTTPS request, optionally with a fresh query value per request. */
export const HttpsCaseRequest = Type.Object({ ...HttpsRequest.properties, ...caseOnlyFields }, {
  additionalProperties: false,
  description: 'an HTTP request over TLS, optionally with a fresh query value per request',
});

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

/** One step of the conversation after a TLS handshake: bytes to send, then the bytes that must come back next. */
const ExchangeStep = Type.Object(
  {
    send: Type.Optional(Type.String({ minLength: 1, description: 'text to send (UTF-8), e.g. "PING\\n"' })),
    receive: Type.Optional(Type.String({ minLength: 1, description: 'the exact text that must arrive next (read until that many bytes came)' })),
  },
  { additionalProperties: false, description: 'send, then receive; at least one of the two' },
);

/** A Secret holding a client certificate and its key (kubernetes.io/tls: tls.crt, tls.key). */
const ClientCertificateSource = Type.Object(
  { secret: ObjectRef('a kubernetes.io/tls Secret ("namespace/name") holding tls.crt and tls.key') },
  { additionalProperties: false, description: 'the client certificate presented when the server asks for one' },
);

export const TlsStreamRequest = Type.Object(
  {
    serverName: Type.Optional(nonEmptyString('the SNI; absent: none is sent')),
    alpn: Type.Optional(Type.Array(nonEmptyString('an ALPN protocol name'), { minItems: 1, description: 'ALPN protocols offered, in order; default none' })),
    ca: Type.Optional(CaSource),
    clientCertificate: Type.Optional(ClientCertificateSource),
    exchange: Type.Optional(Type.Array(ExchangeStep, { minItems: 1, description: 'the conversation after the handshake, in order; default none' })),
  },
  {
    additionalProperties: false,
    description: 'a TLS connection (passthrough or terminated by the gateway): the handshake (SNI, ALPN, the server certificate checked against a CA, a client certificate), then bytes exchanged',
  },
);

export const TcpStreamRequest = Type.Object(
  { exchange: Type.Optional(Type.Array(ExchangeStep, { minItems: 1, description: "the conversation after connecting, in order; default none (the TCP echo's welcome line is read before TEST either way)" })) },
  { additionalProperties: false, description: 'a TCP connection (a TCP listener carries it unread to a backend): bytes exchanged, then the TCP echo asked for its account of the connection' },
);

/** The DNS record types a udp: dnsQuery may ask for. */
const DnsRecordType = Type.Union([Type.Literal('A'), Type.Literal('AAAA'), Type.Literal('SRV'), Type.Literal('TXT')], { 'x-expects': 'A, AAAA, SRV or TXT' });

export const UdpDatagramRequest = Type.Object(
  {
    send: Type.Optional(Type.String({ minLength: 1, maxLength: 1024, description: 'the datagram (UTF-8) the UDP echo answers with its JSON account; default "gauntlet udp probe\n"' })),
    dnsQuery: Type.Optional(
      Type.Object(
        { name: nonEmptyString('the name asked for, e.g. foo.bar.com'), type: Type.Optional(DnsRecordType) },
        { additionalProperties: false, description: 'send a DNS query (type default A) instead of text: the answer is judged as DNS (expect.dns)' },
      ),
    ),
  },
  { additionalProperties: false, description: 'one UDP datagram from a fresh client socket (a new flow), and the one answer that must come back' },
);

/** The gRPC echo service upstream's conformance suite calls (our reference-impl/echo/grpc/grpc-echo.proto). */
export const GRPC_ECHO_SERVICE_NAME = 'gateway_api_conformance.echo_basic.grpcecho.GrpcEcho';

export const GrpcCallRequest = Type.Object(
  {
    service: Type.Optional(nonEmptyString(`the fully qualified service name; default ${GRPC_ECHO_SERVICE_NAME}`)),
    method: Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$', 'x-expects': 'a method name such as Echo', description: 'the method: Echo and EchoTwo answer, EchoThree is UNIMPLEMENTED' }),
    authority: Type.Optional(nonEmptyString('the :authority (the host gRPC routes by); default the Gateway address')),
    metadata: Type.Optional(HeaderMap('metadata sent with the call (names are lower-cased on the wire)')),
    tls: Type.Optional(
      Type.Object(
        {
          serverName: Type.Optional(nonEmptyString('the SNI and the name the certificate must carry; default the authority without its port')),
          ca: Type.Optional(CaSource),
        },
        { additionalProperties: false, description: 'call over TLS (ALPN h2); without ca the server certificate is not verified' },
      ),
    ),
  },
  { additionalProperties: false, description: 'one unary gRPC call to the echo service on a fresh HTTP/2 connection (h2c, or TLS with tls:); the echo reports which backend answered and what it received' },
);

/** Every protocol key a request case may carry, with the shape of what it sends. */
export const protocolRequests = {
  http: HttpCaseRequest,
  h2c: H2cCaseRequest,
  https: HttpsCaseRequest,
  websocket: WebSocketRequest,
  tls: TlsStreamRequest,
  tcp: TcpStreamRequest,
  udp: UdpDatagramRequest,
  grpc: GrpcCallRequest,
};

export type ProtocolName = keyof typeof protocolRequests;
export const protocolNames = Object.keys(protocolRequests) as ProtocolName[];

export type HttpRequestDocument = Static<typeof HttpRequest>;
export type HttpCaseRequestDocument = Static<typeof HttpCaseRequest>;
export type HttpsRequestDocument = Static<typeof HttpsRequest>;
export type CaSourceDocument = Static<typeof CaSource>;
export type HttpsCaseRequestDocument = Static<typeof HttpsCaseRequest>;
export type WebSocketRequestDocument = Static<typeof WebSocketRequest>;
export type WebSocketMessageDocument = Static<typeof WebSocketMessage>;
export type TlsStreamRequestDocument = Static<typeof TlsStreamRequest>;
export type ExchangeStepDocument = Static<typeof ExchangeStep>;
export type TcpStreamRequestDocument = Static<typeof TcpStreamRequest>;
export type GrpcCallRequestDocument = Static<typeof GrpcCallRequest>;
export type UdpDatagramRequestDocument = Static<typeof UdpDatagramRequest>;
