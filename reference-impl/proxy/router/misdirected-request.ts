// Misdirected requests on an HTTPS port (RFC 9110 section 15.5.20; the Gateway API Listener hostname rules):
// the TLS handshake chose a listener by SNI, and a request on that connection whose Host belongs to another
// listener (one matching it more specifically, or any when the SNI's listener does not match it at all) was
// meant for a connection to that other listener: 421. A Host no listener of the port matches is nobody's: 404.

import type { PortTlsIR } from '../../ir/gateway-ir.ts';
import { ServerNameTable } from '../listeners/server-name-table.ts';

/** The 421 answer's text: the client should open a connection naming the request's host in its SNI. */
export const MISDIRECTED_MESSAGE = "misdirected request: this connection's TLS server name (SNI) belongs to another listener than the request's Host; connect again with the Host as server name";

export type MisdirectionVerdict = 'same-listener' | 'misdirected' | 'no-listener';

/** `host` normalised (no port, lower case); `serverName` the connection's SNI (undefined: none sent). */
export type MisdirectionCheck = (host: string, serverName: string | undefined) => MisdirectionVerdict;

export function compileMisdirectionCheck(tls: PortTlsIR): MisdirectionCheck {
  // Each listener stands for itself by its hostname, which is unique on the port.
  const listeners = new ServerNameTable(tls.serverNames.map((serverName) => ({ hostname: serverName.hostname, value: serverName.hostname.toLowerCase() })));
  return (host, serverName) => {
    const hostListener = listeners.lookup(host);
    if (hostListener === undefined) return 'no-listener';
    return listeners.lookup(serverName?.toLowerCase()) === hostListener ? 'same-listener' : 'misdirected';
  };
}
