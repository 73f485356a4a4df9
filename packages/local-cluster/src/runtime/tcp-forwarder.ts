// A TCP listener that hands each accepted connection to a backend chosen per connection, as kube-proxy
// does for a Service address: with no backend, or when the backend refuses, the client gets a reset.
// Its listening socket can be lent to the pod of a Service's only ready endpoint (listener-loan.ts): the pod
// then accepts the connections itself, at its own speed, until the forwarder takes the socket back.
import net from 'node:net';
import { type Borrower, lendListener, takeBackListener } from './listener-loan.ts';
import { RuntimeError } from './runtime-error.ts';

export interface ForwardTarget {
  host: string;
  port: number;
}

interface Loan {
  borrower: Borrower;
  id: number;
  onBorrowerExit: () => void;
}

export class TcpForwarder {
  #server: net.Server | undefined;
  readonly #sockets = new Set<net.Socket>();
  readonly #host: string;
  readonly #pickTarget: () => ForwardTarget | undefined;
  #port = 0;
  #loan: Loan | undefined;
  #closed = false;

  private constructor(host: string, pickTarget: () => ForwardTarget | undefined) {
    this.#host = host;
    this.#pickTarget = pickTarget;
  }

  static async listen(host: string, port: number, pickTarget: () => ForwardTarget | undefined): Promise<TcpForwarder> {
    const forwarder = new TcpForwarder(host, pickTarget);
    await forwarder.#listen(port);
    return forwarder;
  }

  /** The port listened on (useful when listening on port 0). */
  get port(): number {
    return this.#port;
  }

  /** The pod address the listener is lent to, if it is. */
  get lentTo(): string | undefined {
    return this.#loan?.borrower.podIP;
  }

  /** Lends the listening socket to `borrower`'s server on pod port `podPort`; false when it declined. */
  async lend(borrower: Borrower, podPort: number): Promise<boolean> {
    const server = this.#server;
    if (!server || this.#loan || this.#closed) return false;
    const id = await lendListener(borrower, server, podPort);
    if (id === undefined || this.#server !== server) return false;
    // Only this process's copy closes: the socket stays open in the pod; forwarded connections carry on.
    this.#server = undefined;
    server.close();
    const onBorrowerExit = () => {
      this.#loan = undefined;
      if (!this.#closed) void this.#listen(this.#port).catch(() => {}); // the pod took the socket with it
    };
    borrower.process.once('exit', onBorrowerExit);
    this.#loan = { borrower, id, onBorrowerExit };
    return true;
  }

  /** Takes a lent listening socket back (or listens anew when the pod no longer has it). */
  async takeBack(): Promise<void> {
    const loan = this.#loan;
    if (!loan) return;
    loan.borrower.process.off('exit', loan.onBorrowerExit);
    const returned = await takeBackListener(loan.borrower, loan.id);
    this.#loan = undefined;
    if (returned) this.#serve(returned);
    else await this.#listen(this.#port);
  }

  /** Stops listening (a lent socket is taken back first) and cuts every forwarded connection. */
  async close(): Promise<void> {
    await this.takeBack().catch(() => {});
    this.#closed = true;
    for (const socket of this.#sockets) socket.destroy();
    const server = this.#server;
    this.#server = undefined;
    if (server) await new Promise((resolve) => server.close(resolve));
  }

  #listen(port: number): Promise<void> {
    const host = this.#host;
    // Half-open both ways, as kube-proxy's forwarding is transparent to a FIN: a client that stops sending still
    // gets the answer.
    const server = net.createServer({ allowHalfOpen: true });
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
      server.listen({ host, port }, () => {
        this.#serve(server);
        resolve();
      });
    });
  }

  #serve(server: net.Server): void {
    // A socket handed back over IPC arrives as a plain server: its accepted sockets must be half-open too.
    (server as net.Server & { allowHalfOpen: boolean }).allowHalfOpen = true;
    server.on('connection', (client) => this.#forward(client, this.#pickTarget()));
    const address = server.address();
    this.#port = typeof address === 'object' && address ? address.port : this.#port;
    if (this.#closed) server.close();
    else this.#server = server;
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
