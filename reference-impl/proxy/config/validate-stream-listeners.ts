// Checks the stream listeners of a config message: a TCP port's `tcp` and the Gateway's `udpListeners`, each a
// listener name and, when a route is attached, that route's name and weighted stream backends.
import { checkStreamBackends } from './validate-tls-listeners.ts';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v !== '';
const isPort = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 65535;

export function checkStreamListener(where: string, listener: unknown, problems: string[]): void {
  if (!isObject(listener) || !isText(listener.listener)) {
    problems.push(`${where} must be {listener, route?}`);
    return;
  }
  if (listener.route === undefined) return;
  const route = listener.route;
  if (!isObject(route) || !isText(route.route) || !Array.isArray(route.backends)) {
    problems.push(`${where}.route must have a route and backends`);
    return;
  }
  checkStreamBackends(`${where}.route.backends`, route.backends, problems);
}

export function checkUdpListeners(listeners: unknown, problems: string[]): void {
  if (!Array.isArray(listeners)) {
    problems.push('ir.udpListeners must be a list');
    return;
  }
  const seen = new Set<number>();
  listeners.forEach((listener: unknown, i) => {
    const where = `ir.udpListeners[${i}]`;
    if (!isObject(listener) || !isPort(listener.port)) {
      problems.push(`${where}.port must be a port number`);
      return;
    }
    if (seen.has(listener.port as number)) problems.push(`${where}.port ${String(listener.port)} appears twice`);
    seen.add(listener.port as number);
    checkStreamListener(where, listener, problems);
  });
}
