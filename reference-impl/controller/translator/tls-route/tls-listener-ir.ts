// The IR of a port's TLS listeners: per served listener of protocol TLS, its mode, its certificates when it
// terminates, and the hostnames of the TLSRoutes attached to it (each intersected with the listener's hostname)
// with their backends. Two routes claiming one hostname on one listener: the older route keeps it (then the
// first by namespace/name), as the specification settles conflicts between routes.
import type { TlsListenerIR, TlsRouteIR } from '../../../ir/gateway-ir.ts';
import type { ValidatedListener } from '../listener-validation.ts';
import type { RouteAttachment } from '../route-translation.ts';
import type { CompiledTlsRule } from './tls-rule-compiler.ts';

export type AttachedTlsRoute = Pick<RouteAttachment<CompiledTlsRule>, 'listener' | 'hostnames' | 'rules'>;

/** Undefined when none of `portListeners` is a TLS listener. `portListeners` are the port's served listeners. */
export function buildTlsListeners(portListeners: readonly ValidatedListener[], attached: readonly AttachedTlsRoute[]): TlsListenerIR[] | undefined {
  const tlsListeners = portListeners.filter((listener) => listener.spec.protocol === 'TLS');
  if (tlsListeners.length === 0) return undefined;
  return tlsListeners
    .map((listener) => listenerIR(listener, attached.filter((attachment) => attachment.listener === listener)))
    .sort((a, b) => compareText(a.hostname, b.hostname));
}

function listenerIR(listener: ValidatedListener, attached: readonly AttachedTlsRoute[]): TlsListenerIR {
  const routes = new Map<string, TlsRouteIR>();
  for (const { hostnames, rules } of [...attached].sort(byAge)) {
    for (const rule of rules) {
      const route = `${rule.route.namespace}/${rule.route.name}`;
      for (const hostname of hostnames) if (!routes.has(hostname)) routes.set(hostname, { hostname, route, backends: rule.backends });
    }
  }
  const certificates = listener.certificates?.resolved.map((certificate) => ({ name: certificate.secret, certificateChain: certificate.certificateChain, privateKey: certificate.privateKey }));
  return {
    hostname: listener.spec.hostname?.toLowerCase() ?? '*',
    listener: listener.spec.name,
    mode: certificates === undefined ? 'Passthrough' : 'Terminate',
    ...(certificates === undefined ? {} : { certificates }),
    routes: [...routes.values()].sort((a, b) => compareText(a.hostname, b.hostname)),
  };
}

/** Oldest route first, then by namespace/name: the order in which routes claim a hostname. */
function byAge(a: AttachedTlsRoute, b: AttachedTlsRoute): number {
  const [routeA, routeB] = [a.rules[0]?.route, b.rules[0]?.route];
  const created = compareText(routeA?.creationTimestamp ?? '', routeB?.creationTimestamp ?? '');
  return created !== 0 ? created : compareText(`${routeA?.namespace}/${routeA?.name}`, `${routeB?.namespace}/${routeB?.name}`);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : Number(a > b);
}
