// Checks a port listener's protocol and TLS termination in a config message: HTTPS carries `tls` with at
// least one server name, each with a hostname, a listener name and certificates of PEM text; HTTP carries none;
// TLS carries `tlsListeners` instead (checked in validate-tls-listeners.ts, as on an HTTPS port that has them).
// Whether the PEMs make a usable key pair is found when the port compiles them (tls-termination.ts).
import { checkStreamListener } from './validate-stream-listeners.ts';
import { checkTlsListeners } from './validate-tls-listeners.ts';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v !== '';

const PROTOCOLS = ['HTTP', 'HTTPS', 'TLS', 'TCP'];

export function checkPortProtocol(where: string, listener: Json, problems: string[]): void {
  if (!PROTOCOLS.includes(listener.protocol as string)) {
    problems.push(`${where}.protocol must be one of ${PROTOCOLS.join(', ')}`);
    return;
  }
  if (listener.protocol === 'TCP') {
    if (listener.tls !== undefined || listener.tlsListeners !== undefined) problems.push(`${where} of a TCP port must carry tcp only (no tls, no tlsListeners)`);
    checkStreamListener(`${where}.tcp`, listener.tcp, problems);
    return;
  }
  if (listener.tcp !== undefined) problems.push(`${where}.tcp must be absent on a ${String(listener.protocol)} port`);
  if (listener.protocol === 'HTTP') {
    if (listener.tls !== undefined) problems.push(`${where}.tls must be absent on an HTTP port`);
    if (listener.tlsListeners !== undefined) problems.push(`${where}.tlsListeners must be absent on an HTTP port`);
    return;
  }
  if (listener.tlsListeners !== undefined || listener.protocol === 'TLS') checkTlsListeners(`${where}.tlsListeners`, listener.tlsListeners, problems);
  if (listener.protocol === 'TLS') {
    if (listener.tls !== undefined) problems.push(`${where}.tls must be absent on a TLS port (its TLS listeners are in tlsListeners)`);
    return;
  }
  const tls = listener.tls;
  if (!isObject(tls) || !Array.isArray(tls.serverNames) || tls.serverNames.length === 0) {
    problems.push(`${where}.tls must be {serverNames: [...]} with at least one server name on an HTTPS port`);
    return;
  }
  tls.serverNames.forEach((serverName: unknown, i) => {
    const swhere = `${where}.tls.serverNames[${i}]`;
    if (!isObject(serverName) || !isText(serverName.hostname) || !isText(serverName.listener) || !Array.isArray(serverName.certificates)) {
      problems.push(`${swhere} must have a hostname, a listener and certificates`);
      return;
    }
    serverName.certificates.forEach((certificate: unknown, j) => {
      if (!isObject(certificate) || !isText(certificate.name) || !isText(certificate.certificateChain) || !isText(certificate.privateKey)) {
        problems.push(`${swhere}.certificates[${j}] must be {name, certificateChain, privateKey} (PEM text)`);
      }
    });
  });
}
