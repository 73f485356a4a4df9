// A TCP listener that hands each accepted connection to a backend chosen per connection, as kube-proxy
// does for a Service address: with no backend, or when the backend refuses, the client gets a reset.
import net from 'node:net';
import { RuntimeError } from './runtime-error.ts';

export interface ForwardTarget {
  host: string;
  port: number;
}

export class TcpForwarder {
  readonly #server: net.Server;
  readonly #sockets = new Set<net.Socket>();

  private constructor(server: net.Server) {
    this.#server = server;
  }

  static listen(host: string, port: number, pickTarget: () => ForwardTarget | undefined): Promise<TcpForwarder> {
    // Half-open both ways, as kube-proxy's forwarding is transparent to a FIN: a client that stops sending still
    // gets the answer.
    const server = net.createServer({ allowHalfOpen: true });
    const forwarder = new TcpForwarder(server);
    server.on('connection', (client) => forwarder.#forward(client, pickTarget()));
    return new Promise((resolve, reject) => {
      server.once('error', (error) =>
        reject(
          new RuntimeError(
            'PortBindFailed',
            `cannot listen on ${host}:${port} for a LoadBalancer Service: ${error.message}` +
              (port < 1024 ? ' (ports below 1024 need root or a lower net.ipv4.ip_unprivileged_port_start)' : ''),
            { cause: error },
          ),
        ),
      );
      server.listen({ host, port }, () => resolve(forwarder));
    });
  }

  /** The port listened on (useful when listening on port 0). */
  get port(): number {
    const address = this.#server.address();
    return typeof address === 'object' && address ? address.port : 0;
  }

  /** Stops listening and cuts every forwarded connection. */
  close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  #track(socket: net.Socket): void {
    this.#sockets.add(socket);
    socket.once('close', () => this.#sockets.delete(socket));
  }

  #forward(client: net.Socket, target: ForwardTarget | undefined): void {
    this.#track(client);
    if (!target) {
      client.resetAndDestroy();
      return;
    }
    client.setNoDelay(true);
    const upstream = net.connect({ host: target.host, port: target.port, allowHalfOpen: true });
    this.#track(upstream);
    upstream.setNoDelay(true);
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
    });
    upstream.on('error', () => (connected ? client.destroy() : client.resetAndDestroy()));
    client.on('error', () => upstream.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
