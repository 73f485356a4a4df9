// The connections of a TCP port (a Gateway listener of protocol TCP): nothing is read from them; each one is
// carried as a byte stream to a backend of the route the listener's IR names (stream-forwarding.ts), chosen by
// weight per connection. A listener without a route, or a connection whose chosen backend is invalid or has no
// endpoint, is reset at once: a TCP client has no other way to be told. Each connection reads the listener
// current when it arrived: a new IR applies to the next one.

import type { Socket } from 'node:net';
import type { StreamListenerIR } from '../../ir/gateway-ir.ts';
import { chooseStreamEndpoint, type EndpointCounters, forwardStream } from './stream-forwarding.ts';
import type { TlsStreamOptions } from './tls-stream-port.ts';

export type StreamPortOptions = Pick<TlsStreamOptions, 'connectTimeoutMs' | 'random' | 'onRefused'>;

export class TcpStreamPort {
  listener: StreamListenerIR | undefined;
  readonly #options: StreamPortOptions;
  readonly #counters: EndpointCounters = new WeakMap();

  constructor(options: StreamPortOptions) {
    this.#options = options;
  }

  accept(socket: Socket): void {
    socket.on('error', () => socket.destroy());
    // A client that shuts down its sending side (nc at end of input) still gets the backend's answer: its FIN is
    // passed on and the connection closes once both directions are done, as a TCP proxy must.
    socket.allowHalfOpen = true;
    const listener = this.listener;
    const route = listener?.route;
    if (route === undefined) {
      this.#refuse(socket, `TCP listener ${listener?.listener ?? '(none)'} has no route attached`);
      return;
    }
    const choice = chooseStreamEndpoint(route.backends, this.#options.random, this.#counters);
    if ('refused' in choice) {
      this.#refuse(socket, `route ${route.route}: ${choice.refused}`);
      return;
    }
    forwardStream(socket, choice.endpoint, this.#options.connectTimeoutMs, (error) => {
      if (error) this.#options.onRefused?.(`route ${route.route}: backend ${choice.backend} unreachable: ${error.message}`);
    });
  }

  #refuse(socket: Socket, reason: string): void {
    this.#options.onRefused?.(reason);
    socket.resetAndDestroy();
  }
}
