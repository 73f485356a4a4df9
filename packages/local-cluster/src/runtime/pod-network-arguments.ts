// The argument rewriting behind the pod sandbox's network: what a pod's own network namespace would do
// to a listen, bind or connect, expressed on the host's shared one. Pure functions over the argument
// lists of Node's own methods, so every form those methods accept is covered and unit-tested.
//
// - listening on "any address" (none, 0.0.0.0, ::) means the pod's own address: two pods (or two
//   clusters) listening on 0.0.0.0:8080 would otherwise collide;
// - a port the cluster may not bind on a pod address is moved to its mapped port (pod-port-mapping.ts),
//   for listen and bind as for connect and send, so pods reach each other on the ports they declared.
import type { PodPortMapping } from './pod-port-mapping.ts';

const ANY_ADDRESS = new Set(['', '0.0.0.0', '::', '::0']);

export interface Rewritten {
  args: unknown[];
  /** A listen or bind was moved to a mapped port. */
  mapped: boolean;
}

type Options = Record<string, unknown>;

const isPlainOptions = (value: unknown): value is Options =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
const isPort = (value: unknown): value is number | string => typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value));

/** net.Server#listen: (options, cb), (port, host?, backlog?, cb?), (cb?), (path), (handle). */
export function rewriteListen(args: unknown[], mapping: PodPortMapping, podIP: string): Rewritten {
  const [first] = args;
  let options: Options;
  let rest: unknown[];
  if (isPlainOptions(first)) {
    if ('path' in first || 'handle' in first || 'fd' in first) return { args, mapped: false };
    options = first;
    rest = args.slice(1);
  } else if (isPort(first)) {
    const host = typeof args[1] === 'string' ? args[1] : undefined;
    const afterHost = args.slice(host === undefined ? 1 : 2);
    const backlog = typeof afterHost[0] === 'number' ? afterHost[0] : undefined;
    options = { port: first, ...(host === undefined ? {} : { host }), ...(backlog === undefined ? {} : { backlog }) };
    rest = afterHost.filter((arg) => typeof arg === 'function');
  } else if (first === undefined || first === null || typeof first === 'function') {
    options = { port: 0 };
    rest = args.filter((arg) => typeof arg === 'function');
  } else {
    return { args, mapped: false }; // a pipe path or a handle: nothing of the network
  }
  const host = typeof options.host === 'string' && !ANY_ADDRESS.has(options.host) ? options.host : podIP;
  const port = Number(options.port ?? 0);
  const hostPort = mapping.hostPort(host, port);
  return { args: [{ ...options, host, port: hostPort }, ...rest], mapped: hostPort !== port };
}

/** net.Socket#connect: (options, cb), (port, host?, cb?), (path, cb), or net.connect's normalized [options, cb]. */
export function rewriteConnect(args: unknown[], mapping: PodPortMapping): unknown[] {
  const [first] = args;
  if (Array.isArray(first)) {
    const options = first[0];
    if (!isOptionsObject(options)) return args;
    const rewritten = withMappedPort(options, mapping);
    if (rewritten === options) return args;
    // Keep the array's own symbols: Node marks a normalized argument list with one.
    const copy: unknown[] = [...first];
    for (const symbol of Object.getOwnPropertySymbols(first)) Reflect.set(copy, symbol, Reflect.get(first, symbol));
    copy[0] = rewritten;
    return [copy, ...args.slice(1)];
  }
  if (isOptionsObject(first)) {
    const rewritten = withMappedPort(first, mapping);
    return rewritten === first ? args : [rewritten, ...args.slice(1)];
  }
  if (isPort(first)) {
    const host = typeof args[1] === 'string' ? args[1] : 'localhost';
    const port = mapping.hostPort(host, Number(first));
    return port === Number(first) ? args : [port, ...args.slice(1)];
  }
  return args;
}

/** dgram.Socket#bind: (port?, address?, cb?) or (options, cb). */
export function rewriteBind(args: unknown[], mapping: PodPortMapping, podIP: string): Rewritten {
  const [first] = args;
  if (isPlainOptions(first)) {
    if ('fd' in first) return { args, mapped: false };
    const address = typeof first.address === 'string' && !ANY_ADDRESS.has(first.address) ? first.address : podIP;
    const port = Number(first.port ?? 0);
    const hostPort = mapping.hostPort(address, port);
    return { args: [{ ...first, address, port: hostPort }, ...args.slice(1)], mapped: hostPort !== port };
  }
  const port = isPort(first) ? Number(first) : 0;
  const given = isPort(first) ? args[1] : undefined;
  const address = typeof given === 'string' && !ANY_ADDRESS.has(given) ? given : podIP;
  const callback = args.find((arg) => typeof arg === 'function');
  const hostPort = mapping.hostPort(address, port);
  return { args: [{ port: hostPort, address }, ...(callback ? [callback] : [])], mapped: hostPort !== port };
}

/** dgram.Socket#send: (msg, offset, length, port, address?, cb?) or (msg, port, address?, cb?); connect: (port, address?, cb?). */
export function rewriteSend(args: unknown[], mapping: PodPortMapping): unknown[] {
  const longForm = args[4] !== undefined || (args[3] !== undefined && typeof args[3] !== 'function');
  return rewritePortAt(args, longForm ? 3 : 1, mapping);
}

export function rewriteDatagramConnect(args: unknown[], mapping: PodPortMapping): unknown[] {
  return rewritePortAt(args, 0, mapping);
}

function rewritePortAt(args: unknown[], index: number, mapping: PodPortMapping): unknown[] {
  const port = args[index];
  const address = args[index + 1];
  if (!isPort(port) || typeof address !== 'string') return args;
  const hostPort = mapping.hostPort(address, Number(port));
  if (hostPort === Number(port)) return args;
  const copy = [...args];
  copy[index] = hostPort;
  return copy;
}

function isOptionsObject(value: unknown): value is Options {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function withMappedPort(options: Options, mapping: PodPortMapping): Options {
  if (typeof options.host !== 'string' || !isPort(options.port)) return options;
  const port = mapping.hostPort(options.host, Number(options.port));
  return port === Number(options.port) ? options : { ...options, port };
}
