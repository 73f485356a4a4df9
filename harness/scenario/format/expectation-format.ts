// What a request case expects, kept apart the way upstream's ExpectedResponse keeps it apart: the response
// itself, the request as the backend saw it, a redirect's Location, mirrored copies, and timing.
import Type, { type Static } from 'typebox';
import { GRPC_STATUS_NAMES } from '../../traffic/grpc/grpc-status-names.ts';
import { Duration, HeaderMap, HeaderNames, HttpStatus, nonEmptyString, ObjectRef, Port, ResponseHeaderMap } from './primitives.ts';

export const ResponseExpectation = Type.Object(
  {
    status: Type.Optional(Type.Union([HttpStatus, Type.Array(HttpStatus, { minItems: 1 })], { 'x-expects': 'a status such as 200, or a list of acceptable statuses', description: 'a status, or a list of acceptable ones' })),
    headers: Type.Optional(
      ResponseHeaderMap('response headers that must be present with these values (names case-insensitive): text, { list: [...] } in any order, or a list of acceptable values'),
    ),
    absentHeaders: Type.Optional(HeaderNames('response headers that must be absent')),
  },
  { additionalProperties: false, description: 'the response; absent: status 200 (302 when a redirect is expected)' },
);

/** What a backend received: shared by a request case's `backend` and a split's `received` entries. */
const receivedFields = {
  method: Type.Optional(nonEmptyString('the method the backend received')),
  path: Type.Optional(Type.String({ pattern: '^/', 'x-expects': 'a path starting with "/"', description: 'the path with query the backend received' })),
  host: Type.Optional(nonEmptyString('the Host the backend received')),
  proto: Type.Optional(nonEmptyString('the protocol the backend received, as the echo reports it: HTTP/1.1 or HTTP/2.0 (an h2c backend)')),
  headers: Type.Optional(HeaderMap('headers the backend received, with these values (names case-insensitive)')),
  absentHeaders: Type.Optional(HeaderNames('headers the backend must not have received')),
};

const backendFields = {
  name: Type.Optional(nonEmptyString('the backend: its Deployment (pod name prefix) or Service name')),
  namespace: Type.Optional(nonEmptyString("the backend's namespace; default defaults.namespace when name is given")),
  ...receivedFields,
  serverName: Type.Optional(
    Type.String({
      description:
        'the SNI the backend received: the gateway spoke TLS to it (a BackendTLSPolicy; for grpc:, HTTP/2 with ALPN h2) with this server name; for tls:, the SNI on the connection the backend saw ("" for none)',
    }),
  ),
  clientCertificate: Type.Optional(
    ObjectRef('a kubernetes.io/tls Secret ("namespace/name"): the gateway spoke TLS to the backend presenting the certificate in its tls.crt'),
  ),
};

/** What a tls: case's TCP echo backend reports of its connection (its answer to TEST). */
const streamBackendFields = {
  tls: Type.Optional(Type.Boolean({ description: "tls: only: whether the backend's own connection was TLS (passthrough) or not (terminated by the gateway)" })),
};

export const ReceivedExpectation = Type.Object(receivedFields, {
  additionalProperties: false,
  description: 'what every request this backend answered must have carried: method, path, host, headers, absentHeaders',
});

export const BackendExpectation = Type.Union([nonEmptyString('short for {name: ...}'), Type.Object({ ...backendFields, ...streamBackendFields }, { additionalProperties: false })], {
  'x-expects': 'a backend name, or a mapping with name, namespace, method, path, host, proto, headers, absentHeaders, serverName, clientCertificate (tls for tls:)',
  description: 'the request as the echo backend saw it; a string is short for {name}',
});

export const RedirectExpectation = Type.Object(
  {
    scheme: Type.Optional(Type.Union([Type.Literal('http'), Type.Literal('https')], { description: "the Location's scheme; default the request's" })),
    host: Type.Optional(nonEmptyString("the Location's host; default the request's Host")),
    port: Type.Optional(Port("the Location's port (a Location without one means the scheme's well-known port); default the scheme's well-known port when scheme is given, else the listener port")),
    path: Type.Optional(Type.String({ pattern: '^/', 'x-expects': 'a path starting with "/"', description: "the Location's path (with ?query when given); default the request's path" })),
  },
  { additionalProperties: false, description: 'the redirect Location, each part judged with the specification defaults; never followed' },
);

export const MirrorExpectation = Type.Object(
  {
    backend: nonEmptyString('the mirror backend: Deployment (pod name prefix) or Service name'),
    namespace: Type.Optional(nonEmptyString('its namespace; default defaults.namespace')),
    percent: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100, description: 'the share of requests mirrored, judged by a binomial test over `samples` requests' })),
  },
  { additionalProperties: false },
);

export const TimingExpectation = Type.Object(
  {
    within: Type.Optional(Duration('the whole response must arrive within this long after the request is sent')),
    notBefore: Type.Optional(Duration('the response must not arrive sooner than this')),
  },
  { additionalProperties: false, description: 'measured from sending the request to the end of the response' },
);

export const TlsExpectation = Type.Object(
  {
    alpn: Type.Optional(nonEmptyString('the ALPN protocol the server must choose (https: h2 or http/1.1)')),
    certificate: Type.Optional(
      Type.Object(
        { dnsNames: Type.Array(nonEmptyString('a DNS name'), { minItems: 1, description: "exactly the DNS subjectAltNames of the server's certificate, in any order" }) },
        { additionalProperties: false, description: 'the certificate the server presented, by its subjectAltNames' },
      ),
    ),
    refused: Type.Optional(
      Type.Literal(true, {
        description:
          'https: only: the connection must be refused: no TLS handshake, or the server closes the connection before any answer (a client certificate refused after a TLS 1.3 handshake); a time-out does not count',
      }),
    ),
  },
  { additionalProperties: false, description: 'what the TLS handshake of an https: or tls: request settled' },
);

export const Expectation = Type.Object(
  {
    response: Type.Optional(ResponseExpectation),
    backend: Type.Optional(BackendExpectation),
    redirect: Type.Optional(RedirectExpectation),
    mirroredTo: Type.Optional(Type.Array(MirrorExpectation, { minItems: 1, description: "backends that must receive a copy (read from their pods' logs)" })),
    timing: Type.Optional(TimingExpectation),
    tls: Type.Optional(TlsExpectation),
    dns: Type.Optional(
      Type.Object(
        {
          rcode: Type.Optional(Type.Union([Type.Literal('NOERROR'), Type.Literal('SERVFAIL'), Type.Literal('NXDOMAIN'), Type.Literal('REFUSED')], { description: 'the answer\'s response code; default NOERROR' })),
        },
        { additionalProperties: false, description: 'udp: with dnsQuery only: a DNS answer to the query (same id, the question echoed) must come back' },
      ),
    ),
    grpc: Type.Optional(
      Type.Object(
        {
          code: Type.Union([Type.Integer({ minimum: 0, maximum: 16 }), Type.Union(GRPC_STATUS_NAMES.map((name) => Type.Literal(name)))], {
            'x-expects': 'a gRPC status name such as UNIMPLEMENTED, or its number',
            description: 'the status the call must end with',
          }),
        },
        { additionalProperties: false, description: 'grpc: only: the gRPC status of the call; absent: OK' },
      ),
    ),
    handshake: Type.Optional(
      Type.Literal('fails', {
        description:
          'tls: only: the gateway refuses the handshake (closes or resets the connection, or answers with an alert) before it completes; a certificate the client cannot verify does not count',
      }),
    ),
  },
  { additionalProperties: false, description: 'what must come back; absent: status 200 (tls: a completed handshake)' },
);

export type ExpectationDocument = Static<typeof Expectation>;
export type ResponseHeadersDocument = NonNullable<Static<typeof ResponseExpectation>['headers']>;
export type BackendExpectationDocument = Exclude<Static<typeof BackendExpectation>, string>;
export type ReceivedExpectationDocument = Static<typeof ReceivedExpectation>;
export type RedirectExpectationDocument = Static<typeof RedirectExpectation>;
export type MirrorExpectationDocument = Static<typeof MirrorExpectation>;
export type TlsExpectationDocument = Static<typeof TlsExpectation>;
export type DnsExpectationDocument = NonNullable<Static<typeof Expectation>['dns']>;
