// Request cases and splits: the request each sends (by protocol key), its target and what it
// expects. Checked here because JSON Schema cannot say it well: exactly one protocol key per request case,
// samples only where a percentage is judged, weights that leave something to test. (Load runs: build-load.ts.)
import { describeGrpcCall, describeSentRequest } from '../describe-request.ts';
import {
  type CaSourceDocument,
  type GrpcCallRequestDocument,
  type HttpCaseRequestDocument,
  type HttpRequestDocument,
  type HttpsCaseRequestDocument,
  protocolNames,
  type TcpStreamRequestDocument,
  type TlsStreamRequestDocument,
  type UdpDatagramRequestDocument,
  type WebSocketRequestDocument,
} from '../format/protocol-requests.ts';
import type { RequestCaseDocument, SplitCaseDocument } from '../format/traffic-format.ts';
import type {
  BackendExpectation,
  CaSource,
  GrpcCallCaseSpec,
  HttpCaseSpec,
  HttpsRequestSpec,
  ProbeRequestSpec,
  RequestCase,
  SentRequest,
  SplitCase,
  SplitProbe,
  TcpStreamSpec,
  TlsStreamSpec,
  UdpDatagramSpec,
  WebSocketSpec,
} from '../scenario-types.ts';
import type { YamlPath } from '../yaml-source.ts';
import type { BuildContext } from './build-context.ts';
import { buildExpectation } from './build-expectation.ts';
import { buildTarget, headerText, objectRef } from './build-target.ts';

/** Requests sent to judge a mirroredTo percentage when the scenario does not say (see docs/scenarios.md). */
export const DEFAULT_MIRROR_SAMPLES = 500;

export function buildHttpRequest(document: HttpRequestDocument): ProbeRequestSpec {
  const { headers, method, ...rest } = document;
  const request: ProbeRequestSpec = { ...rest, method: (method ?? 'GET').toUpperCase() };
  const text = headerText(headers);
  if (text !== undefined) request.headers = text;
  return request;
}

/** A request case's HTTP request: a fresh-valued query parameter must not be in the path already. */
function buildHttpCaseRequest(ctx: BuildContext, document: HttpCaseRequestDocument, path: YamlPath): HttpCaseSpec {
  const { uniqueQueryParam, ...rest } = document;
  const request: HttpCaseSpec = buildHttpRequest(rest);
  if (uniqueQueryParam === undefined) return request;
  const query = new URLSearchParams(document.path.split('?').slice(1).join('?'));
  if (query.has(uniqueQueryParam)) ctx.report([...path, 'path'], `already has the query parameter ${uniqueQueryParam}, which uniqueQueryParam gives a fresh value per request: remove it from the path`);
  request.uniqueQueryParam = uniqueQueryParam;
  return request;
}

/** ALPN protocols an https: case offers when it names none: HTTP/1.1, as upstream's TLS requests do by default. */
export const DEFAULT_HTTPS_ALPN = ['http/1.1'];

function caSource(ctx: BuildContext, document: CaSourceDocument, path: YamlPath): CaSource | undefined {
  const { secret, configMap, key } = document;
  if ((secret === undefined) === (configMap === undefined)) {
    ctx.report(path, 'needs exactly one of secret or configMap: the object holding the CA certificate');
    return undefined;
  }
  const [kind, ref] = secret !== undefined ? (['Secret', secret] as const) : (['ConfigMap', configMap as NonNullable<typeof configMap>] as const);
  return { kind, ...objectRef(ref), ...(key === undefined ? {} : { key }) };
}

function buildHttps(ctx: BuildContext, document: HttpsCaseRequestDocument, path: YamlPath): HttpsRequestSpec {
  const { serverName, alpn, ca, clientCertificate, ...http } = document;
  const source = ca === undefined ? undefined : caSource(ctx, ca, [...path, 'ca']);
  return {
    ...buildHttpCaseRequest(ctx, http, path),
    alpn: [...(alpn ?? DEFAULT_HTTPS_ALPN)],
    ...(serverName === undefined ? {} : { serverName }),
    ...(source === undefined ? {} : { ca: source }),
    ...(clientCertificate === undefined ? {} : { clientCertificate: objectRef(clientCertificate) }),
  };
}

/** A tls: case: each exchange step must send or receive something. */
function buildTlsStream(ctx: BuildContext, document: TlsStreamRequestDocument, path: YamlPath): TlsStreamSpec {
  const { ca, clientCertificate, exchange, alpn, ...rest } = document;
  const source = ca === undefined ? undefined : caSource(ctx, ca, [...path, 'ca']);
  checkExchange(ctx, exchange, path);
  return {
    ...rest,
    alpn: alpn ?? [],
    exchange: exchange ?? [],
    ...(source === undefined ? {} : { ca: source }),
    ...(clientCertificate === undefined ? {} : { clientCertificate: objectRef(clientCertificate.secret) }),
  };
}

/** Exchange steps that say nothing to do are reported (tls: and tcp: alike). */
function checkExchange(ctx: BuildContext, exchange: TcpStreamRequestDocument['exchange'], path: YamlPath): void {
  (exchange ?? []).forEach((step, index) => {
    if (step.send === undefined && step.receive === undefined) ctx.report([...path, 'exchange', index], 'says nothing to do: give send, receive or both');
  });
}

function buildTcpStream(ctx: BuildContext, document: TcpStreamRequestDocument, path: YamlPath): TcpStreamSpec {
  checkExchange(ctx, document.exchange, path);
  return { exchange: document.exchange ?? [] };
}

/** What a udp: datagram says when the scenario gives no text: one line the UDP echo sends back in its account. */
export const DEFAULT_UDP_PAYLOAD = 'gauntlet udp probe\n';

function buildUdpDatagram(ctx: BuildContext, document: UdpDatagramRequestDocument, path: YamlPath): UdpDatagramSpec {
  if (document.dnsQuery === undefined) return { send: document.send ?? DEFAULT_UDP_PAYLOAD };
  if (document.send !== undefined) ctx.report([...path, 'send'], 'cannot be sent with dnsQuery: a datagram is either text for the UDP echo or a DNS query; remove one of them', true);
  return { dnsQuery: { name: document.dnsQuery.name, type: document.dnsQuery.type ?? 'A' } };
}

/** What a websocket: case sends when it lists no messages: one text and one binary message, as upstream does. */
export const DEFAULT_WEBSOCKET_MESSAGES: WebSocketSpec['messages'] = ['gauntlet websocket echo', { binary: [1, 2, 3, 4, 5, 6, 7] }];

function buildWebSocket(document: WebSocketRequestDocument): WebSocketSpec {
  const { headers, messages, ...rest } = document;
  const spec: WebSocketSpec = { ...rest, messages: messages ?? DEFAULT_WEBSOCKET_MESSAGES };
  const text = headerText(headers);
  if (text !== undefined) spec.headers = text;
  return spec;
}

/** A grpc: call: metadata values as text, the CA source resolved. */
function buildGrpcCall(ctx: BuildContext, document: GrpcCallRequestDocument, path: YamlPath): GrpcCallCaseSpec {
  const { metadata, tls, ...rest } = document;
  const call: GrpcCallCaseSpec = { ...rest };
  const text = headerText(metadata);
  if (text !== undefined) call.metadata = text;
  if (tls !== undefined) {
    const source = tls.ca === undefined ? undefined : caSource(ctx, tls.ca, [...path, 'tls', 'ca']);
    call.tls = { ...(tls.serverName === undefined ? {} : { serverName: tls.serverName }), ...(source === undefined ? {} : { ca: source }) };
  }
  return call;
}

function buildSentRequest(ctx: BuildContext, entry: RequestCaseDocument, path: YamlPath): SentRequest | undefined {
  const given = protocolNames.filter((name) => entry[name] !== undefined);
  if (given.length === 0) {
    ctx.report(path, `says nothing to send: add one protocol key (${protocolNames.join(', ')}) with the request`);
    return undefined;
  }
  for (const extra of given.slice(1)) ctx.report([...path, extra], `one protocol per request case: this one already sends ${given[0]}`, true);
  if (entry.http !== undefined) return { protocol: 'http', ...buildHttpCaseRequest(ctx, entry.http, [...path, 'http']) };
  if (entry.h2c !== undefined) return { protocol: 'h2c', ...buildHttpCaseRequest(ctx, entry.h2c, [...path, 'h2c']) };
  if (entry.https !== undefined) return { protocol: 'https', ...buildHttps(ctx, entry.https, [...path, 'https']) };
  if (entry.websocket !== undefined) return { protocol: 'websocket', ...buildWebSocket(entry.websocket) };
  if (entry.tls !== undefined) return { protocol: 'tls', ...buildTlsStream(ctx, entry.tls, [...path, 'tls']) };
  if (entry.tcp !== undefined) return { protocol: 'tcp', ...buildTcpStream(ctx, entry.tcp, [...path, 'tcp']) };
  if (entry.udp !== undefined) return { protocol: 'udp', ...buildUdpDatagram(ctx, entry.udp, [...path, 'udp']) };
  if (entry.grpc !== undefined) return { protocol: 'grpc', ...buildGrpcCall(ctx, entry.grpc, [...path, 'grpc']) };
  return undefined;
}

export function buildRequestCase(ctx: BuildContext, entry: RequestCaseDocument, path: YamlPath): RequestCase[] {
  const request = buildSentRequest(ctx, entry, path);
  const expect = buildExpectation(ctx, entry.expect, [...path, 'expect'], request?.protocol ?? 'http', request !== undefined && 'dnsQuery' in request);
  if (entry.samples !== undefined && !expect.mirroredTo.some((mirror) => mirror.percent !== undefined)) {
    ctx.report([...path, 'samples'], 'is only used to judge a mirroredTo percent; remove it or add percent to a mirror');
  }
  if (request === undefined) return [];
  return [
    {
      name: entry.name ?? describeSentRequest(request),
      ...buildTarget(ctx, entry, path),
      request,
      expect,
      samples: entry.samples ?? DEFAULT_MIRROR_SAMPLES,
      source: ctx.locate(path),
    },
  ];
}

function checkWeights(ctx: BuildContext, weights: Record<string, number>, path: YamlPath): void {
  if (Object.values(weights).every((weight) => weight === 0)) ctx.report(path, 'needs at least one backend with a weight above 0');
}

/** A split's samples: exactly one of http:, tcp: (a connection each), udp: (a datagram from a fresh socket each) and grpc: (a call on a fresh connection each). */
function buildSplitProbe(ctx: BuildContext, entry: SplitCaseDocument, path: YamlPath): SplitProbe {
  const given = (['http', 'tcp', 'udp', 'grpc'] as const).filter((name) => entry[name] !== undefined);
  if (given.length === 0) ctx.report(path, 'says nothing to send: add http:, tcp:, udp: or grpc: with what each sample sends');
  for (const extra of given.slice(1)) ctx.report([...path, extra], `one protocol per split: this one already sends ${given[0]}`, true);
  if (entry.tcp !== undefined && entry.http === undefined) {
    if (entry.tcp.exchange !== undefined) ctx.report([...path, 'tcp', 'exchange'], 'is not sent by a split: each sample connects and asks the TCP echo for its account only', true);
    return { protocol: 'tcp' };
  }
  if (entry.udp !== undefined && entry.http === undefined) {
    if (entry.udp.dnsQuery !== undefined) ctx.report([...path, 'udp', 'dnsQuery'], 'cannot tell backends apart: a split counts the UDP echo\'s accounts; send text', true);
    return { protocol: 'udp', send: entry.udp.send ?? DEFAULT_UDP_PAYLOAD };
  }
  if (entry.grpc !== undefined && entry.http === undefined) return { protocol: 'grpc', call: buildGrpcCall(ctx, entry.grpc, [...path, 'grpc']) };
  return { protocol: 'http', request: buildHttpRequest(entry.http ?? { path: '/' }) };
}

function describeProbe(probe: SplitProbe): string {
  if (probe.protocol === 'http') return `${probe.request.host ?? ''}${probe.request.path}`;
  if (probe.protocol === 'grpc') return `of ${describeGrpcCall(probe.call)} calls`;
  return probe.protocol === 'tcp' ? 'of TCP connections' : 'of UDP flows';
}

export function buildSplitCase(ctx: BuildContext, entry: SplitCaseDocument, path: YamlPath): SplitCase {
  const probe = buildSplitProbe(ctx, entry, path);
  checkWeights(ctx, entry.weights, [...path, 'weights']);
  const split: SplitCase = { name: entry.name ?? `split ${describeProbe(probe)}`, ...buildTarget(ctx, entry, path), probe, weights: entry.weights, source: ctx.locate(path) };
  if (entry.samples !== undefined) split.samples = entry.samples;
  if (entry.received !== undefined && probe.protocol !== 'http') ctx.report([...path, 'received'], 'is what an HTTP backend received; a tcp:, udp: or grpc: split checks the backends only', true);
  else if (entry.received !== undefined) split.received = buildReceived(ctx, entry.received, entry.weights, [...path, 'received']);
  return split;
}

/** `received` per backend: only backends the split can reach (a weight above 0) can receive anything. */
function buildReceived(ctx: BuildContext, received: NonNullable<SplitCaseDocument['received']>, weights: Record<string, number>, path: YamlPath): Record<string, BackendExpectation> {
  const built: Record<string, BackendExpectation> = {};
  for (const [backend, { headers, ...rest }] of Object.entries(received)) {
    if ((weights[backend] ?? 0) === 0) {
      const reachable = Object.keys(weights).filter((name) => (weights[name] ?? 0) > 0);
      ctx.report([...path, backend], `names a backend no sampled request can reach; use one with a weight above 0 (${reachable.join(', ')})`, true);
    }
    const text = headerText(headers);
    built[backend] = { name: backend, ...rest, ...(text === undefined ? {} : { headers: text }) };
  }
  return built;
}
