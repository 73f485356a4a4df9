// Where a connection to a port with TLS listeners goes, decided by the SNI of its ClientHello before anything
// is terminated: the most specific listener hostname among the port's HTTPS server names and TLS listeners
// (server-name-table.ts), then, for a TLS listener, the most specific route hostname of that listener. Compiled
// once per IR version; the Terminate listeners' certificates are compiled as an HTTPS port's are
// (tls-termination.ts), so a certificate is chosen for an SNI the same way in both.

import type { SecureContext } from 'node:tls';
import type { PortListenerIR, TlsListenerIR, TlsRouteIR } from '../../ir/gateway-ir.ts';
import { ServerNameTable } from './server-name-table.ts';
import { compileTlsTermination, type TlsWarning } from './tls-termination.ts';

/** A connection's destination: the port's HTTPS termination, a TLS listener's route, or nothing (refused). */
export type SniDestination =
  | { kind: 'https' }
  | { kind: 'passthrough'; listener: string; route: TlsRouteIR }
  | { kind: 'terminate'; listener: string; route: TlsRouteIR; context: SecureContext }
  | { kind: 'refused'; reason: string };

export interface SniDispatch {
  destinationOf(serverName: string | undefined): SniDestination;
  readonly warnings: readonly TlsWarning[];
}

type ListenerEntry = { kind: 'https' } | { kind: 'tls'; listener: TlsListenerIR; routes: ServerNameTable<TlsRouteIR> };

export function compileSniDispatch(port: Pick<PortListenerIR, 'tls' | 'tlsListeners'>): SniDispatch {
  const tlsListeners = port.tlsListeners ?? [];
  const terminating = tlsListeners.filter((listener) => listener.mode === 'Terminate');
  const termination = compileTlsTermination({
    serverNames: terminating.map((listener) => ({ hostname: listener.hostname, listener: listener.listener, certificates: listener.certificates ?? [] })),
  });
  const entries: { hostname: string; value: ListenerEntry }[] = [
    ...(port.tls?.serverNames ?? []).map((serverName) => ({ hostname: serverName.hostname, value: { kind: 'https' } as const })),
    ...tlsListeners.map((listener) => ({ hostname: listener.hostname, value: { kind: 'tls' as const, listener, routes: new ServerNameTable(listener.routes.map((route) => ({ hostname: route.hostname, value: route }))) } })),
  ];
  const listeners = new ServerNameTable(entries);
  return {
    warnings: termination.warnings,
    destinationOf(serverName) {
      const sni = serverName === undefined ? 'no SNI' : `SNI ${serverName}`;
      const entry = listeners.lookup(serverName);
      if (entry === undefined) return { kind: 'refused', reason: `no listener of this port serves ${sni}` };
      if (entry.kind === 'https') return entry;
      const { listener } = entry;
      const route = entry.routes.lookup(serverName);
      if (route === undefined) return { kind: 'refused', reason: `no TLSRoute of listener ${listener.listener} serves ${sni}` };
      if (listener.mode === 'Passthrough') return { kind: 'passthrough', listener: listener.listener, route };
      const context = termination.contextFor(serverName ?? '');
      if (context === undefined) return { kind: 'refused', reason: `listener ${listener.listener} has no certificate it can serve for ${sni}` };
      return { kind: 'terminate', listener: listener.listener, route, context };
    },
  };
}
