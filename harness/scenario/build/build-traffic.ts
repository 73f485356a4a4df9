// Request cases and splits: the request each sends (by protocol key), its target and what it
// expects. Checked here because JSON Schema cannot say it well: exactly one protocol key per request case,
// samples only where a percentage is judged, weights that leave something to test. (Load runs: build-load.ts.)
import { describeSentRequest } from '../describe-request.ts';
import {
  type CaSourceDocument,
  type HttpCaseRequestDocument,
  type HttpRequestDocument,
  type HttpsCaseRequestDocument,
  protocolNames,
  type TlsStreamRequestDocument,
  type WebSocketRequestDocument,
} from '../format/protocol-requests.ts';
import type { RequestCaseDocument, SplitCaseDocument } from '../format/traffic-format.ts';
import type {
  BackendExpectation,
  CaSource,
  HttpCaseSpec,
  HttpsRequestSpec,
  ProbeRequestSpec,
  RequestCase,
  SentRequest,
  SplitCase,
  TlsStreamSpec,
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
  (exchange ?? []).forEach((step, index) => {
    if (step.send === undefined && step.receive === undefined) ctx.report([...path, 'exchange', index], 'says nothing to do: give send, receive or both');
  });
  return {
    ...rest,
    alpn: alpn ?? [],
    exchange: exchange ?? [],
    ...(source === undefined ? {} : { ca: source }),
    ...(clientCertificate === undefined ? {} : { clientCertificate: objectRef(clientCertificate.secret) }),
  };
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
  return undefined;
}

export function buildRequestCase(ctx: BuildContext, entry: RequestCaseDocument, path: YamlPath): RequestCase[] {
  const request = buildSentRequest(ctx, entry, path);
  const expect = buildExpectation(ctx, entry.expect, [...path, 'expect'], request?.protocol ?? 'http');
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

export function buildSplitCase(ctx: BuildContext, entry: SplitCaseDocument, path: YamlPath): SplitCase {
  const request = buildHttpRequest(entry.http);
  checkWeights(ctx, entry.weights, [...path, 'weights']);
  const split: SplitCase = { name: entry.name ?? `split ${request.host ?? ''}${request.path}`, ...buildTarget(ctx, entry, path), request, weights: entry.weights, source: ctx.locate(path) };
  if (entry.samples !== undefined) split.samples = entry.samples;
  if (entry.received !== undefined) split.received = buildReceived(ctx, entry.received, entry.weights, [...path, 'received']);
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
