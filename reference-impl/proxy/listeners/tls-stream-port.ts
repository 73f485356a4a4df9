// The connections of a port with TLS listeners: each one's ClientHello is read (not consumed), its SNI picks a
// destination (sni-dispatch.ts), and then: the port's HTTPS termination takes it as any HTTPS connection; a
// Passthrough route's backend gets the client's TLS session from its first byte, untouched; a Terminate route's
// backend gets the decrypted bytes once the proxy has completed the handshake with the listener's certificate.
// A connection with no destination is closed before any handshake, as a TLS listener has nothing to answer it
// with. Each connection reads the dispatch current when its ClientHello arrived: a new IR applies to the next.

import type { Socket } from 'node:net';
import { type SecureContext, TLSSocket } from 'node:tls';
import type { RandomSource } from '../backend/choose-backend.ts';
import { readClientHello } from './client-hello.ts';
import type { SniDestination, SniDispatch } from './sni-dispatch.ts';
import { chooseStreamEndpoint, type EndpointCounters, forwardStream } from './stream-forwarding.ts';

export interface TlsStreamOptions {
  connectTimeoutMs: number;
  /** A client that has not sent its ClientHello (or finished a terminated handshake) by then is closed. */
  handshakeTimeoutMs: number;
  random: RandomSource;
  /** Told why a connection was closed without reaching a backend (for the proxy's log). */
  onRefused?: (reason: string) => void;
}

export class TlsStreamPort {
  dispatch: SniDispatch | undefined;
  readonly #https: (socket: Socket) => void;
  readonly #options: TlsStreamOptions;
  readonly #counters: EndpointCounters = new WeakMap();

  /** `https`: where connections for the port's HTTPS listeners go (their bytes put back, unread). */
  constructor(https: (socket: Socket) => void, options: TlsStreamOptions) {
    this.#https = https;
    this.#options = options;
  }

  accept(socket: Socket): void {
    socket.on('error', () => socket.destroy());
    readClientHello(socket, this.#options.handshakeTimeoutMs).then(
      ({ serverName }) => this.#route(socket, this.dispatch?.destinationOf(serverName) ?? { kind: 'refused', reason: 'the port has no TLS listeners' }),
      (error: Error) => this.#refuse(socket, error.message),
    );
  }

  #route(socket: Socket, destination: SniDestination): void {
    if (destination.kind === 'refused') {
      this.#refuse(socket, destination.reason);
      return;
    }
    if (destination.kind === 'https') {
      this.#https(socket);
      return;
    }
    const choice = chooseStreamEndpoint(destination.route.backends, this.#options.random, this.#counters);
    if ('refused' in choice) {
      this.#refuse(socket, `route ${destination.route.route}: ${choice.refused}`);
      return;
    }
    const forward = (client: Socket): void =>
      forwardStream(client, choice.endpoint, this.#options.connectTimeoutMs, (error) => {
        if (error) this.#options.onRefused?.(`route ${destination.route.route}: backend ${choice.backend} unreachable: ${error.message}`);
      });
    if (destination.kind === 'passthrough') forward(socket);
    else this.#terminate(socket, destination.context, forward);
  }

  /** Completes the handshake with the listener's certificate, then forwards what the client sends decrypted. */
  #terminate(socket: Socket, context: SecureContext, forward: (client: Socket) => void): void {
    const secure = new TLSSocket(socket, { isServer: true, secureContext: context });
    const deadline = setTimeout(() => secure.destroy(), this.#options.handshakeTimeoutMs);
    secure.once('secure', () => {
      clearTimeout(deadline);
      forward(secure);
    });
    secure.on('error', () => {
      clearTimeout(deadline);
      secure.destroy();
    });
  }

  #refuse(socket: Socket, reason: string): void {
    this.#options.onRefused?.(reason);
    socket.destroy();
  }
}
