// Checks the TLS parts of a config message: a port listener's protocol and TLS termination (HTTPS carries `tls`
// with at least one server name, each with a hostname, a listener name and certificates of PEM text, and maybe
// client validation with a known mode and CA text; HTTP carries none; TLS carries `tlsListeners` instead, checked
// in validate-tls-listeners.ts, as on an HTTPS port that has them; TCP carries a stream listener), a backend's
// `tls` (an SNI, optional CA text, subjectAltNames of a known type) and the Gateway's backend client certificate.
// Whether the PEMs are usable is found when they are compiled (tls-termination.ts) or used (backend-tls.ts).
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
      checkCertificate(`${swhere}.certificates[${j}]`, certificate, problems);
    });
  });
  const validation = tls.clientValidation;
  if (validation === undefined) return;
  if (!isObject(validation) || !VALIDATION_MODES.includes(validation.mode as string) || !isText(validation.caCertificates)) {
    problems.push(`${where}.tls.clientValidation must be {mode: ${VALIDATION_MODES.join('|')}, caCertificates: PEM text}`);
  }
}

const VALIDATION_MODES = ['AllowValidOnly', 'AllowInsecureFallback'];
const SAN_TYPES = ['Hostname', 'URI'];

export function checkCertificate(where: string, certificate: unknown, problems: string[]): void {
  if (!isObject(certificate) || !isText(certificate.name) || !isText(certificate.certificateChain) || !isText(certificate.privateKey)) {
    problems.push(`${where} must be {name, certificateChain, privateKey} (PEM text)`);
  }
}

/** A service backend's `tls`, when present. */
export function checkBackendTls(where: string, backend: Json, problems: string[]): void {
  const tls = backend.tls;
  if (tls === undefined && backend.protocol === 'h2') problems.push(`${where}: protocol h2 (HTTP/2 over TLS) needs tls`);
  if (tls === undefined) return;
  if (!isObject(tls) || !isText(tls.serverName) || (tls.caCertificates !== undefined && !isText(tls.caCertificates))) {
    problems.push(`${where}.tls must be {serverName, caCertificates?: PEM text, subjectAltNames?}`);
    return;
  }
  if (backend.protocol === 'h2c') problems.push(`${where}.tls cannot go with protocol h2c (cleartext HTTP/2)`);
  const sans = tls.subjectAltNames;
  if (sans === undefined) return;
  if (!Array.isArray(sans) || sans.some((san: unknown) => !isObject(san) || !SAN_TYPES.includes(san.type as string) || !isText(san.value))) {
    problems.push(`${where}.tls.subjectAltNames must be a list of {type: ${SAN_TYPES.join('|')}, value}`);
  }
}
