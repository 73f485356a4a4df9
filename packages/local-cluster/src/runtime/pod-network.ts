// Installs the pod's network view on Node's own socket classes (net.Server, net.Socket, dgram.Socket): every
// listener and client in the process goes through them, http, https, http2, tls and undici included, so the
// pod's code runs unchanged. See pod-network-arguments.ts for what is rewritten and why.
import dgram from 'node:dgram';
import net from 'node:net';
import { rewriteBind, rewriteConnect, rewriteDatagramConnect, rewriteListen, rewriteSend } from './pod-network-arguments.ts';
import type { PodPortMapping } from './pod-port-mapping.ts';

type Method = (this: object, ...args: unknown[]) => unknown;

export function installPodNetwork(mapping: PodPortMapping, podIP: string): void {
  /** Servers and datagram sockets on a mapped port: address() reports the port the pod asked for, as in its own namespace. */
  const mappedServers = new WeakSet<object>();

  const server = net.Server.prototype as unknown as Record<string, Method>;
  const listen = server.listen as Method;
  server.listen = function (this: object, ...args: unknown[]) {
    const rewritten = rewriteListen(args, mapping, podIP);
    if (rewritten.mapped) mappedServers.add(this);
    return listen.apply(this, rewritten.args);
  };
  const address = server.address as Method;
  server.address = function (this: object) {
    const bound = address.call(this);
    if (!mappedServers.has(this) || typeof bound !== 'object' || bound === null) return bound;
    const info = bound as net.AddressInfo;
    return { ...info, port: mapping.podPort(info.address, info.port) };
  };

  const socket = net.Socket.prototype as unknown as Record<string, Method>;
  const connect = socket.connect as Method;
  socket.connect = function (this: object, ...args: unknown[]) {
    return connect.apply(this, rewriteConnect(args, mapping));
  };

  const datagram = dgram.Socket.prototype as unknown as Record<string, Method>;
  const bind = datagram.bind as Method;
  datagram.bind = function (this: object, ...args: unknown[]) {
    const rewritten = rewriteBind(args, mapping, podIP);
    if (rewritten.mapped) mappedServers.add(this);
    return bind.apply(this, rewritten.args);
  };
  // A datagram socket bound on a mapped port reports the port the pod asked for, as a net.Server does.
  const datagramAddress = datagram.address as Method;
  datagram.address = function (this: object) {
    const info = datagramAddress.call(this) as net.AddressInfo;
    return mappedServers.has(this) ? { ...info, port: mapping.podPort(info.address, info.port) } : info;
  };
  const send = datagram.send as Method;
  datagram.send = function (this: object, ...args: unknown[]) {
    return send.apply(this, rewriteSend(args, mapping));
  };
  const datagramConnect = datagram.connect as Method;
  datagram.connect = function (this: object, ...args: unknown[]) {
    return datagramConnect.apply(this, rewriteDatagramConnect(args, mapping));
  };
}
