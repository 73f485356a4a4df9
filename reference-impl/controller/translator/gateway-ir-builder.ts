// Builds one Gateway's IR from its usable listeners and the routes attached to them. Listeners sharing
// a port are merged into one set of virtual hosts. A request is handled by the most specific listener
// whose hostname covers its host (listener isolation), and, within that listener, by the rules of
// every attached route whose hostname covers the host: routes with the more specific matching
// hostname first (exact names by length, then wildcards by length, then none), then Gateway API
// match precedence. The proxy picks the most specific virtual host, so each virtual host carries the
// full ordered list for the hosts it stands for. A port of HTTPS listeners also carries each listener's
// certificates, keyed by its hostname, for the TLS handshake to choose by SNI, and the client certificate
// validation of the port (the Gateway's spec.tls.frontend: the same for every HTTPS listener of a port); a port
// with TLS listeners carries them and their TLSRoutes (tls-route/tls-listener-ir.ts), beside any HTTPS listeners
// of the same port. A TCP listener has its port to itself; UDP listeners are ports of their own
// (`udpListeners`); each carries the oldest of its attached routes (stream-route/stream-listener-ir.ts).

import { type GatewayIR, IR_SCHEMA_VERSION, type PortListenerIR, type PortTlsIR, type TlsCertificateIR, type VirtualHostIR } from '../../ir/gateway-ir.ts';
import { compareHostnames } from '../../ir/ir-delta.ts';
import { AttachmentsByHostname } from './attachments-by-hostname.ts';
import { wildcardMatches } from './hostname-intersection.ts';
import type { CompiledRule } from './http-route/http-rule-compiler.ts';
import type { ResolvedKeyPair } from './key-pair-ref.ts';
import { listenerIsServed, type ValidatedListener } from './listener-validation.ts';
import { compareRulePrecedence } from './route-precedence.ts';
import type { RouteAttachment } from './route-translation.ts';
import { type AttachedStreamRoute, buildStreamListener } from './stream-route/stream-listener-ir.ts';
import { type AttachedTlsRoute, buildTlsListeners } from './tls-route/tls-listener-ir.ts';

/** A route of the HTTP family attached to one listener, with the hostnames it serves there. */
export type AttachedRoute = Pick<RouteAttachment<CompiledRule>, 'listener' | 'hostnames' | 'rules'>;

/** The routes of the stream kinds attached to the Gateway's listeners. */
export interface AttachedStreamRoutes {
  tls?: readonly AttachedTlsRoute[];
  tcp?: readonly AttachedStreamRoute[];
  udp?: readonly AttachedStreamRoute[];
}

/** `backendClientCertificate`: what the proxy presents to backends it speaks TLS to, if the Gateway names one that resolved. */
export function buildGatewayIR(
  gateway: { namespace: string; name: string; backendClientCertificate?: ResolvedKeyPair | undefined },
  listeners: ValidatedListener[],
  attached: AttachedRoute[],
  streams: AttachedStreamRoutes = {},
): GatewayIR {
  const served = listeners.filter(listenerIsServed);
  // UDP listeners are ports of another transport: they never merge with the TCP-based listeners of a port.
  const overTcp = served.filter((listener) => listener.spec.protocol !== 'UDP');
  const ports = [...new Set(overTcp.map((listener) => listener.spec.port))].sort((a, b) => a - b);
  const udpListeners = served
    .filter((listener) => listener.spec.protocol === 'UDP')
    .map((listener) => ({ port: listener.spec.port, ...buildStreamListener(listener, streams.udp ?? []) }))
    .sort((a, b) => a.port - b.port);
  return {
    ...(gateway.backendClientCertificate ? { backendClientCertificate: certificateIR(gateway.backendClientCertificate) } : {}),
    schemaVersion: IR_SCHEMA_VERSION,
    gateway: { namespace: gateway.namespace, name: gateway.name },
    listeners: ports.map((port) =>
      buildPort(
        port,
        overTcp.filter((listener) => listener.spec.port === port),
        attached,
        streams,
      ),
    ),
    ...(udpListeners.length > 0 ? { udpListeners } : {}),
  };
}

function buildPort(port: number, servedListeners: ValidatedListener[], attached: AttachedRoute[], attachedStreams: AttachedStreamRoutes): PortListenerIR {
  // A TCP listener has its port to itself (any other listener there conflicts and is not served).
  const tcpListener = servedListeners.find((listener) => listener.spec.protocol === 'TCP');
  if (tcpListener !== undefined) return { port, protocol: 'TCP', virtualHosts: [], tcp: buildStreamListener(tcpListener, attachedStreams.tcp ?? []) };
  const tlsListeners = buildTlsListeners(servedListeners, attachedStreams.tls ?? []);
  // TLS listeners take no HTTP routes: virtual hosts and HTTPS server names are the other listeners' alone.
  const portListeners = servedListeners.filter((listener) => listener.spec.protocol !== 'TLS');
  const attachments = attached.filter((attachment) => portListeners.includes(attachment.listener));
  const hostnames = new Set<string>();
  // A listener's own hostname is always a virtual host, even without routes: its hosts must get a
  // 404 rather than fall through to the routes of a less specific listener.
  for (const listener of portListeners) {
    const own = listenerHostname(listener);
    if (own) hostnames.add(own);
  }
  for (const attachment of attachments) {
    // A hostname a more specific listener covers is that listener's to serve.
    for (const hostname of attachment.hostnames) if (owningListener(hostname, portListeners) === attachment.listener) hostnames.add(hostname);
  }
  const byHostname = new AttachmentsByHostname(attachments);
  const virtualHosts: VirtualHostIR[] = [...hostnames]
    .sort(compareHostnames)
    .map((hostname) => ({ hostname, rules: rulesFor(hostname, owningListener(hostname, portListeners), byHostname) }));
  // Listeners sharing a port share a protocol (any other pair conflicts and is not served).
  const tls = tlsOf(portListeners);
  const streams = tlsListeners === undefined ? {} : { tlsListeners };
  if (tls) return { port, protocol: 'HTTPS', tls, virtualHosts, ...streams };
  return tlsListeners === undefined ? { port, protocol: 'HTTP', virtualHosts } : { port, protocol: 'TLS', virtualHosts, ...streams };
}

/** The port's TLS termination, or undefined when its listeners terminate no TLS. */
function tlsOf(portListeners: ValidatedListener[]): PortTlsIR | undefined {
  const terminating = portListeners.filter((listener) => listener.certificates !== undefined);
  if (terminating.length === 0) return undefined;
  const serverNames = terminating.map((listener) => ({
    hostname: listenerHostname(listener) ?? '*',
    listener: listener.spec.name,
    certificates: (listener.certificates?.resolved ?? []).map(certificateIR),
  }));
  const sorted = serverNames.sort((a, b) => (a.hostname < b.hostname ? -1 : Number(a.hostname > b.hostname)));
  // Served listeners of one port share their validation (the port's override, else the default) and have at least one CA.
  const validation = terminating[0]?.clientValidation;
  if (!validation) return { serverNames: sorted };
  return { serverNames: sorted, clientValidation: { mode: validation.mode, caCertificates: validation.caCertificates.map((bundle) => bundle.pem).join('') } };
}

function certificateIR(keyPair: ResolvedKeyPair): TlsCertificateIR {
  return { name: keyPair.secret, certificateChain: keyPair.certificateChain, privateKey: keyPair.privateKey };
}

/** The rules serving `hostname`: those of the owning listener's routes whose hostnames cover it, in precedence order. */
function rulesFor(hostname: string, owner: ValidatedListener | undefined, attachments: AttachmentsByHostname): VirtualHostIR['rules'] {
  const ranked = new Map<string, { compiled: CompiledRule; rank: number }>();
  for (const { attachment, routeHostname } of attachments.candidates(hostname)) {
    if (attachment.listener !== owner || !covers(routeHostname, hostname)) continue;
    const rank = hostnameRank(routeHostname);
    // A route reaching this host through several of its hostnames counts with the most specific one.
    for (const compiled of attachment.rules) {
      const previous = ranked.get(compiled.rule.id);
      if (!previous || previous.rank < rank) ranked.set(compiled.rule.id, { compiled, rank });
    }
  }
  return [...ranked.values()]
    .sort((a, b) => b.rank - a.rank || compareRulePrecedence(a.compiled, b.compiled))
    .map((entry) => entry.compiled.rule);
}

/** The most specific served listener of the port whose hostname covers `hostname`. */
function owningListener(hostname: string, portListeners: ValidatedListener[]): ValidatedListener | undefined {
  let owner: ValidatedListener | undefined;
  for (const listener of portListeners) {
    const own = listenerHostname(listener) ?? '*';
    if (!covers(own, hostname)) continue;
    if (!owner || hostnameRank(own) > hostnameRank(listenerHostname(owner) ?? '*')) owner = listener;
  }
  return owner;
}

function listenerHostname(listener: ValidatedListener): string | undefined {
  return listener.spec.hostname ? listener.spec.hostname.toLowerCase() : undefined;
}

/** True when every host `name` (exact, wildcard or `*`) stands for is also matched by `pattern`. */
function covers(pattern: string, name: string): boolean {
  if (pattern === '*' || pattern === name) return true;
  return pattern.startsWith('*.') && name !== '*' && wildcardMatches(pattern, name);
}

/** Exact names beat wildcards, longer beat shorter, `*` (no hostname) comes last. */
function hostnameRank(hostname: string): number {
  if (hostname === '*') return 0;
  return hostname.startsWith('*.') ? hostname.length : Number.MAX_SAFE_INTEGER;
}
