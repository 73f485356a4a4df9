// A UDP listener that forwards datagrams to a backend as kube-proxy does for a Service's UDP port: a client's
// address and port make a flow (conntrack's entry), whose first datagram picks a backend; the flow gets a
// socket of its own towards it, so the backend's answers go back to that client, until the flow has been idle
// for `idleTimeoutMs`. With no backend the datagram is dropped: UDP has no way to refuse.
import dgram from 'node:dgram';
import { isIPv6 } from 'node:net';
import { RuntimeError } from './runtime-error.ts';
import type { ForwardTarget } from './tcp-forwarder.ts';

/** As kube-proxy's conntrack timeout for UDP streams is long and for single datagrams short, one middle value. */
export const UDP_FLOW_IDLE_MS = 30_000;

interface Flow {
  socket: dgram.Socket;
  target: ForwardTarget;
  idle: NodeJS.Timeout;
}

export class UdpForwarder {
  readonly #socket: dgram.Socket;
  readonly #flows = new Map<string, Flow>();
  readonly #pickTarget: () => ForwardTarget | undefined;
  readonly #idleTimeoutMs: number;

  private constructor(socket: dgram.Socket, pickTarget: () => ForwardTarget | undefined, idleTimeoutMs: number) {
    this.#socket = socket;
    this.#pickTarget = pickTarget;
    this.#idleTimeoutMs = idleTimeoutMs;
  }

  static listen(host: string, port: number, pickTarget: () => ForwardTarget | undefined, idleTimeoutMs = UDP_FLOW_IDLE_MS): Promise<UdpForwarder> {
    const socket = dgram.createSocket(isIPv6(host) ? 'udp6' : 'udp4');
    const forwarder = new UdpForwarder(socket, pickTarget, idleTimeoutMs);
    socket.on('message', (payload: Buffer, client: dgram.RemoteInfo) => forwarder.#forward(payload, client));
    return new Promise((resolve, reject) => {
      socket.once('error', (error) =>
        reject(
          new RuntimeError(
            'PortBindFailed',
            `cannot listen on UDP ${host}:${port} for a LoadBalancer Service: ${error.message}` +
              (port < 1024 ? ' (ports below 1024 need root or a lower net.ipv4.ip_unprivileged_port_start)' : ''),
            { cause: error },
          ),
        ),
      );
      socket.bind(port, host, () => {
        socket.removeAllListeners('error');
        socket.on('error', () => undefined);
        resolve(forwarder);
      });
    });
  }

  /** The port listened on (useful when listening on port 0). */
  get port(): number {
    return this.#socket.address().port;
  }

  /** Stops listening and forgets every flow. */
  close(): Promise<void> {
    for (const key of [...this.#flows.keys()]) this.#forget(key);
    return new Promise((resolve) => this.#socket.close(() => resolve()));
  }

  #forward(payload: Buffer, client: dgram.RemoteInfo): void {
    const key = `${client.address}:${client.port}`;
    const flow = this.#flows.get(key) ?? this.#start(key, client);
    if (flow === undefined) return;
    flow.idle.refresh();
    flow.socket.send(payload, flow.target.port, flow.target.host, (error) => {
      if (error) this.#forget(key);
    });
  }

  #start(key: string, client: dgram.RemoteInfo): Flow | undefined {
    const target = this.#pickTarget();
    if (target === undefined) return undefined;
    const socket = dgram.createSocket(isIPv6(target.host) ? 'udp6' : 'udp4');
    socket.on('message', (answer: Buffer) => {
      flow.idle.refresh();
      this.#socket.send(answer, client.port, client.address);
    });
    socket.on('error', () => this.#forget(key));
    const flow: Flow = { socket, target, idle: setTimeout(() => this.#forget(key), this.#idleTimeoutMs) };
    flow.idle.unref();
    this.#flows.set(key, flow);
    return flow;
  }

  #forget(key: string): void {
    const flow = this.#flows.get(key);
    if (flow === undefined) return;
    this.#flows.delete(key);
    clearTimeout(flow.idle);
    flow.socket.close();
  }
}
