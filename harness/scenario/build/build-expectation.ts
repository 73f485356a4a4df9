// `expect:` of a request case -> RequestExpectation: status lists, backend shorthand, namespaces from
// defaults, durations in milliseconds; and the checks the declaration cannot make (a redirect is never seen
// by a backend, notBefore must not exceed within, a mirror needs a namespace).
import { parseGoDurationMs } from '../../../reference-impl/echo/go-duration.ts';
import { GRPC_STATUS_CODES } from '../../traffic/grpc/grpc-status-names.ts';
import type { ExpectationDocument, ResponseHeadersDocument } from '../format/expectation-format.ts';
import type { BackendExpectation, HeaderValueForm, MirrorExpectation, RequestExpectation, SentRequest, TimingExpectation } from '../scenario-types.ts';
import type { YamlPath } from '../yaml-source.ts';
import type { BuildContext } from './build-context.ts';
import { headerText, objectRef } from './build-target.ts';

/** The RequestRedirect filter's default statusCode. */
export const DEFAULT_REDIRECT_STATUS = 302;
/** Switching Protocols: the upgrade a WebSocket connection needs. */
export const WEBSOCKET_UPGRADE_STATUS = 101;

function buildBackend(ctx: BuildContext, value: NonNullable<ExpectationDocument['backend']>): BackendExpectation {
  const { headers, clientCertificate, ...rest } = typeof value === 'string' ? { name: value } : value;
  const backend: BackendExpectation = { ...rest, ...(clientCertificate === undefined ? {} : { clientCertificate: objectRef(clientCertificate) }) };
  const text = headerText(headers);
  if (text !== undefined) backend.headers = text;
  // The default namespace qualifies a backend name; without a name there is nothing to qualify.
  if (backend.name !== undefined && backend.namespace === undefined && ctx.defaults.namespace !== undefined) backend.namespace = ctx.defaults.namespace;
  return backend;
}

/** Each response header's acceptable values, as a list: one value, a { list }, or several of them. */
function buildResponseHeaders(headers: ResponseHeadersDocument | undefined): Record<string, HeaderValueForm[]> {
  const form = (value: string | number | { list: string[] }): HeaderValueForm => (typeof value === 'object' ? { list: value.list } : String(value));
  return Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name, Array.isArray(value) ? value.map(form) : [form(value)]]));
}

function buildMirrors(ctx: BuildContext, mirrors: NonNullable<ExpectationDocument['mirroredTo']>, path: YamlPath): MirrorExpectation[] {
  return mirrors.map((mirror, index) => {
    const namespace = mirror.namespace ?? ctx.defaults.namespace;
    if (namespace === undefined && !ctx.defaultsUnknown) ctx.report([...path, index, 'namespace'], "is required to find the backend's pods: set it here or defaults.namespace");
    return { backend: mirror.backend, namespace: namespace ?? '', ...(mirror.percent === undefined ? {} : { percent: mirror.percent }) };
  });
}

function buildTiming(ctx: BuildContext, timing: NonNullable<ExpectationDocument['timing']>, path: YamlPath): TimingExpectation {
  const built: TimingExpectation = {};
  if (timing.within !== undefined) built.withinMs = parseGoDurationMs(timing.within);
  if (timing.notBefore !== undefined) built.notBeforeMs = parseGoDurationMs(timing.notBefore);
  if (built.withinMs !== undefined && built.notBeforeMs !== undefined && built.notBeforeMs > built.withinMs) {
    ctx.report([...path, 'notBefore'], `${timing.notBefore} is later than within (${timing.within}): no response can satisfy both`);
  }
  return built;
}

/** What a websocket: case cannot check: the echo answers with frames, not with a JSON account of the request. */
function refuseForWebSocket(ctx: BuildContext, document: ExpectationDocument, path: YamlPath): void {
  for (const key of ['backend', 'redirect', 'mirroredTo'] as const) {
    if (document[key] !== undefined) ctx.report([...path, key], 'is not checked for websocket: (the echo answers with frames, not a JSON account of the request); check it with an http: case', true);
  }
}

/** A refused https: connection brings nothing back to compare (tls: cases say `handshake: fails` instead). */
function checkTlsRefused(ctx: BuildContext, document: ExpectationDocument, path: YamlPath, protocol: SentRequest['protocol']): void {
  if (!document.tls?.refused) return;
  if (protocol !== 'https') ctx.report([...path, 'tls', 'refused'], `is only checked for https: requests (this one sends ${protocol}:; a tls: case says handshake: fails)`, true);
  for (const key of ['response', 'backend', 'redirect', 'mirroredTo', 'timing'] as const) {
    if (document[key] !== undefined) ctx.report([...path, key], 'cannot hold with tls.refused: a refused connection brings no answer back; remove one of them', true);
  }
  for (const key of ['alpn', 'certificate'] as const) {
    if (document.tls[key] !== undefined) ctx.report([...path, 'tls', key], 'cannot hold with refused: no handshake completes on a refused connection', true);
  }
}

/** What a tls: case cannot check (no HTTP answer, no backend after a refused handshake). */
function refuseForTlsStream(ctx: BuildContext, document: ExpectationDocument, path: YamlPath): void {
  for (const key of ['response', 'redirect', 'mirroredTo', 'timing'] as const) {
    if (document[key] !== undefined) ctx.report([...path, key], 'is not checked for tls: (a byte stream has no HTTP answer); check the bytes with exchange, the backend with backend', true);
  }
  const backend = typeof document.backend === 'object' ? document.backend : {};
  for (const key of ['method', 'path', 'host', 'proto', 'headers', 'absentHeaders', 'clientCertificate'] as const) {
    if (backend[key] !== undefined) ctx.report([...path, 'backend', key], 'is an HTTP request field; a tls: backend reports name, namespace, tls and serverName', true);
  }
  if (document.handshake === undefined) return;
  for (const key of ['tls', 'backend'] as const) {
    if (document[key] !== undefined) ctx.report([...path, key], 'cannot hold when the handshake fails: no session, no backend; remove one of them', true);
  }
}

/** What only a tls: case can check, refused for the other protocols; an https: ALPN is h2 or http/1.1. */
function refuseStreamFields(ctx: BuildContext, document: ExpectationDocument, path: YamlPath, protocol: SentRequest['protocol']): void {
  if (document.handshake !== undefined) ctx.report([...path, 'handshake'], `is only checked for tls: requests (this one sends ${protocol}:)`, true);
  const backend = typeof document.backend === 'object' ? document.backend : {};
  if (backend.tls !== undefined) ctx.report([...path, 'backend', 'tls'], `is what a tls: case's TCP echo reports; this one sends ${protocol}:`, true);
  if (document.tls !== undefined && protocol !== 'https') ctx.report([...path, 'tls'], `is only checked for https: and tls: requests (this one sends ${protocol}:)`, true);
  const alpn = document.tls?.alpn;
  if (alpn !== undefined && alpn !== 'h2' && alpn !== 'http/1.1') ctx.report([...path, 'tls', 'alpn'], `an https: request speaks h2 or http/1.1, got ${JSON.stringify(alpn)}`, true);
}

/** What a tcp: or udp: case checks: the backend's name and namespace (and for a DNS query, the answer) only. */
function refuseForL4(ctx: BuildContext, document: ExpectationDocument, path: YamlPath, protocol: 'tcp' | 'udp'): void {
  for (const key of ['response', 'redirect', 'mirroredTo', 'timing', 'tls', 'handshake'] as const) {
    if (document[key] !== undefined) ctx.report([...path, key], `is not checked for ${protocol}: (no HTTP answer, no TLS); check the backend with backend`, true);
  }
  const backend = typeof document.backend === 'object' ? document.backend : {};
  for (const key of ['method', 'path', 'host', 'proto', 'headers', 'absentHeaders', 'tls', 'serverName'] as const) {
    if (backend[key] !== undefined) ctx.report([...path, 'backend', key], `is not reported by the ${protocol.toUpperCase()} echo; a ${protocol}: backend is name and namespace`, true);
  }
}

/** What a grpc: case checks: the call's status (grpc:) and the echo's account (backend name, namespace, host, headers, serverName). */
function refuseForGrpc(ctx: BuildContext, document: ExpectationDocument, path: YamlPath): void {
  for (const key of ['response', 'redirect', 'mirroredTo', 'timing', 'tls', 'handshake'] as const) {
    if (document[key] !== undefined) ctx.report([...path, key], 'is not checked for grpc: (a call ends with a gRPC status: say it with grpc.code); check the backend with backend', true);
  }
  const backend = typeof document.backend === 'object' ? document.backend : {};
  for (const key of ['method', 'path', 'proto', 'tls', 'clientCertificate'] as const) {
    if (backend[key] !== undefined) {
      ctx.report([...path, 'backend', key], 'is not reported by the gRPC echo; a grpc: backend is name, namespace, host (the :authority), headers and absentHeaders (metadata), serverName (the SNI the gateway sent it)', true);
    }
  }
}

/** The gRPC status a grpc: call must end with, as a number (OK when the case says nothing). */
function buildGrpc(ctx: BuildContext, document: ExpectationDocument, path: YamlPath, protocol: SentRequest['protocol']): RequestExpectation['grpc'] {
  if (protocol !== 'grpc') {
    if (document.grpc !== undefined) ctx.report([...path, 'grpc'], `is only checked for grpc: calls (this one sends ${protocol}:)`, true);
    return undefined;
  }
  const code = document.grpc?.code ?? 'OK';
  return { code: typeof code === 'number' ? code : GRPC_STATUS_CODES[code] };
}

/** `dns:` judges the answer to a udp: dnsQuery, and only that. */
function buildDns(ctx: BuildContext, document: ExpectationDocument, path: YamlPath, dnsQuery: boolean): RequestExpectation['dns'] {
  if (!dnsQuery) {
    if (document.dns !== undefined) ctx.report([...path, 'dns'], 'is only checked for a udp: dnsQuery', true);
    return undefined;
  }
  if (document.backend !== undefined) ctx.report([...path, 'backend'], 'cannot be told from a DNS answer; remove it, or send text to a UDP echo instead of dnsQuery', true);
  return { rcode: document.dns?.rcode ?? 'NOERROR' };
}

/** What the request's protocol cannot check, each reported where it is written. */
function refuseForProtocol(ctx: BuildContext, document: ExpectationDocument, path: YamlPath, protocol: SentRequest['protocol']): void {
  if (protocol === 'websocket') refuseForWebSocket(ctx, document, path);
  if (protocol === 'tls') refuseForTlsStream(ctx, document, path);
  else if (protocol === 'tcp' || protocol === 'udp') refuseForL4(ctx, document, path, protocol);
  else if (protocol === 'grpc') refuseForGrpc(ctx, document, path);
  else refuseStreamFields(ctx, document, path, protocol);
}

export function buildExpectation(ctx: BuildContext, value: ExpectationDocument | undefined, path: YamlPath, protocol: SentRequest['protocol'], dnsQuery = false): RequestExpectation {
  const document = value ?? {};
  refuseForProtocol(ctx, document, path, protocol);
  const dns = buildDns(ctx, document, path, dnsQuery);
  const status = document.response?.status;
  const defaultStatus = protocol === 'websocket' ? WEBSOCKET_UPGRADE_STATUS : document.redirect === undefined ? 200 : DEFAULT_REDIRECT_STATUS;
  const expectation: RequestExpectation = {
    response: {
      statuses: status === undefined ? [defaultStatus] : Array.isArray(status) ? status : [status],
      headers: buildResponseHeaders(document.response?.headers),
      absentHeaders: document.response?.absentHeaders ?? [],
    },
    mirroredTo: document.mirroredTo === undefined ? [] : buildMirrors(ctx, document.mirroredTo, [...path, 'mirroredTo']),
  };
  if (document.backend !== undefined) expectation.backend = buildBackend(ctx, document.backend);
  if (document.redirect !== undefined) {
    expectation.redirect = document.redirect;
    // A redirect is the gateway's own answer: no backend receives the request, nor a mirror a copy.
    for (const key of ['backend', 'mirroredTo'] as const) {
      if (document[key] !== undefined) ctx.report([...path, key], 'cannot hold with a redirect: the gateway answers a redirect itself and no backend sees the request; remove one of them', true);
    }
  }
  if (document.timing !== undefined) expectation.timing = buildTiming(ctx, document.timing, [...path, 'timing']);
  if (document.tls !== undefined) expectation.tls = document.tls;
  checkTlsRefused(ctx, document, path, protocol);
  if (document.handshake !== undefined) expectation.handshake = document.handshake;
  if (dns !== undefined) expectation.dns = dns;
  const grpc = buildGrpc(ctx, document, path, protocol);
  if (grpc !== undefined) expectation.grpc = grpc;
  return expectation;
}
