// The flows of one UDP port. A flow is a client's address and port: its first datagram picks a backend (by
// weight, an endpoint of it in turn) and gets a socket of its own towards it, so every later datagram of the
// client goes to the same backend and every answer from there goes back to the client, for as long as the flow
// is alive. A flow with no datagram either way for `idleTimeoutMs` is forgotten (its socket closed); the next
// datagram of that client starts a new one. A datagram whose flow cannot start (no route, an invalid backend, no
// endpoint, too many flows) is dropped: UDP has no way to refuse.

import { createSocket, type Socket as DatagramSocket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import type { StreamRouteIR } from '../../ir/gateway-ir.ts';
import { chooseStreamEndpoint, type EndpointCounters } from './stream-forwarding.ts';
import type { StreamPortOptions } from './tcp-stream-port.ts';

export interface UdpFlowOptions extends StreamPortOptions {
  idleTimeoutMs: number;
  /** Flows kept at once; a new client past this is dropped until one is forgotten. */
  maxFlows: number;
}

interface Flow {
  upstream: DatagramSocket;
  endpoint: { address: string; port: number };
  idle: NodeJS.Timeout;
}

export class UdpFlows {
  readonly #flows = new Map<string, Flow>();
  readonly #counters: EndpointCounters = new WeakMap();
  readonly #options: UdpFlowOptions;
  /** Sends an answer from the port's own socket back to the client. */
  readonly #reply: (payload: Buffer, client: { address: string; port: number }) => void;

  constructor(options: UdpFlowOptions, reply: (payload: Buffer, client: { address: string; port: number }) => void) {
    this.#options = options;
    this.#reply = reply;
  }

  get size(): number {
    return this.#flows.size;
  }

  /** Forwards one client datagram along its flow, starting the flow with `route` when there is none. */
  forward(payload: Buffer, client: { address: string; port: number }, route: StreamRouteIR | undefined, listener: string): void {
    const key = `${client.address}:${client.port}`;
    const flow = this.#flows.get(key) ?? this.#start(key, client, route, listener);
    if (flow === undefined) return;
    flow.idle.refresh();
    flow.upstream.send(payload, flow.endpoint.port, flow.endpoint.address, (error) => {
      if (error) this.#forget(key);
    });
  }

  /** Forgets every flow (a changed route: the next datagrams choose again). */
  clear(): void {
    for (const key of [...this.#flows.keys()]) this.#forget(key);
  }

  #start(key: string, client: { address: string; port: number }, route: StreamRouteIR | undefined, listener: string): Flow | undefined {
    if (route === undefined) return this.#drop(`UDP listener ${listener} has no route attached`);
    if (this.#flows.size >= this.#options.maxFlows) return this.#drop(`UDP listener ${listener} has ${this.#options.maxFlows} flows already`);
    const choice = chooseStreamEndpoint(route.backends, this.#options.random, this.#counters);
    if ('refused' in choice) return this.#drop(`route ${route.route}: ${choice.refused}`);
    // A socket of the flow's own, bound on first send: its port tells the backend this client from the others.
    const upstream = createSocket(isIPv6(choice.endpoint.address) ? 'udp6' : 'udp4');
    upstream.on('message', (answer: Buffer) => {
      flow.idle.refresh();
      this.#reply(answer, client);
    });
    // An ICMP unreachable from the backend ends the flow; the client's next datagram chooses again.
    upstream.on('error', () => this.#forget(key));
    const flow: Flow = { upstream, endpoint: choice.endpoint, idle: setTimeout(() => this.#forget(key), this.#options.idleTimeoutMs) };
    flow.idle.unref();
    this.#flows.set(key, flow);
    return flow;
  }

  #drop(reason: string): undefined {
    this.#options.onRefused?.(reason);
    return undefined;
  }

  #forget(key: string): void {
    const flow = this.#flows.get(key);
    if (flow === undefined) return;
    this.#flows.delete(key);
    clearTimeout(flow.idle);
    flow.upstream.close();
  }
}
