// One UDP port of the proxy (a Gateway listener of protocol UDP): a datagram socket whose client datagrams go
// along their flows (udp-flows.ts). A new IR for the port that changes its route forgets every flow, so each
// client's next datagram chooses among the new backends; an unchanged route keeps the flows alive.

import { createSocket, type Socket as DatagramSocket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import type { UdpListenerIR } from '../../ir/gateway-ir.ts';
import { ProxyListenError } from './port-server.ts';
import { type UdpFlowOptions, UdpFlows } from './udp-flows.ts';

export class UdpPort {
  readonly port: number;
  readonly #host: string;
  readonly #reusePort: boolean;
  readonly #flows: UdpFlows;
  #socket: DatagramSocket | undefined;
  #bound = false;
  #listener: UdpListenerIR;

  constructor(host: string, listener: UdpListenerIR, options: UdpFlowOptions, reusePort = false) {
    this.#host = host;
    this.port = listener.port;
    this.#listener = listener;
    this.#reusePort = reusePort;
    this.#flows = new UdpFlows(options, (payload, client) => this.#socket?.send(payload, client.port, client.address));
  }

  get bound(): boolean {
    return this.#bound;
  }

  set listener(listener: UdpListenerIR) {
    if (JSON.stringify(listener.route) !== JSON.stringify(this.#listener.route)) this.#flows.clear();
    this.#listener = listener;
  }

  /** Binds the port; may be called again after a failure. */
  listen(): Promise<void> {
    if (this.#bound) return Promise.resolve();
    const socket = createSocket({ type: isIPv6(this.#host) ? 'udp6' : 'udp4', reusePort: this.#reusePort });
    socket.on('message', (payload: Buffer, sender) => this.#flows.forward(payload, sender, this.#listener.route, this.#listener.listener));
    return new Promise((resolve, reject) => {
      socket.once('error', (error) => {
        socket.close();
        reject(new ProxyListenError(this.#host, this.port, error));
      });
      socket.bind(this.port, this.#host, () => {
        socket.removeAllListeners('error');
        // An ICMP error reported on a reply ends nothing: the port keeps serving.
        socket.on('error', () => undefined);
        this.#socket = socket;
        this.#bound = true;
        resolve();
      });
    });
  }

  close(): Promise<void> {
    this.#flows.clear();
    const socket = this.#socket;
    this.#socket = undefined;
    this.#bound = false;
    return socket === undefined ? Promise.resolve() : new Promise((resolve) => socket.close(() => resolve()));
  }
}
