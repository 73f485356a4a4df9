// The pod's side of a listener loan (listener-loan.ts): the runtime hands a pod the listening socket of a
// Service address whose only ready endpoint it is, and the pod's own server, the one listening on the
// endpoint's port, serves that socket's connections in the same process. No forwarder copies the bytes, so
// a LoadBalancer address runs at the pod's own speed, as it would behind kube-proxy's kernel rules.
// Installed by the pod sandbox when the process has the kubelet's IPC channel; the channel does not keep
// the process alive (a pod ends when its own work ends, as without the sandbox).
import net from 'node:net';
import { isLoanMessage, LEND_ANSWER, LEND_LISTENER, RETURN_ANSWER, RETURN_LISTENER } from './listener-loan-messages.ts';

/** net.Server's own setting for the sockets it accepts (not in @types/node). */
type HalfOpenSetting = net.Server & { allowHalfOpen: boolean };
type Method = (this: net.Server, ...args: unknown[]) => unknown;

export function installBorrowedListeners(podIP: string): void {
  if (typeof process.send !== 'function' || !process.channel) return;
  const send = process.send.bind(process);
  /** Servers the pod's code started (borrowed listeners too: they are told apart by their address). */
  const servers = new Set<net.Server>();
  const borrowed = new Map<number, net.Server>();

  const server = net.Server.prototype as unknown as Record<string, Method>;
  const listen = server.listen as Method;
  server.listen = function (this: net.Server, ...args: unknown[]) {
    servers.add(this);
    this.once('close', () => servers.delete(this));
    return listen.apply(this, args);
  };

  /** The pod's server on pod port `port` of its own address (address() reports the port the pod asked for). */
  const serverOn = (port: number): net.Server | undefined =>
    [...servers].find((candidate) => {
      const address = candidate.listening ? candidate.address() : null;
      return typeof address === 'object' && address !== null && address.address === podIP && address.port === port;
    });

  const lend = (id: number, port: number, listener: net.Server) => {
    const target = serverOn(port);
    if (!target) {
      listener.close();
      send({ type: LEND_ANSWER, id, accepted: false });
      return;
    }
    // Accepted sockets take the server's half-open setting (an http.Server allows it): the pod's, not a plain server's.
    (listener as HalfOpenSetting).allowHalfOpen = (target as HalfOpenSetting).allowHalfOpen;
    listener.on('connection', (socket: net.Socket) => {
      // The server is looked up per connection: a pod may replace its server on that port (a new listener
      // object on a reload). With none listening there the connection is refused, as its own address would.
      const current = serverOn(port);
      if (current) current.emit('connection', socket);
      else socket.resetAndDestroy();
    });
    borrowed.set(id, listener);
    send({ type: LEND_ANSWER, id, accepted: true });
  };

  const giveBack = (id: number) => {
    const listener = borrowed.get(id);
    borrowed.delete(id);
    if (!listener) {
      send({ type: RETURN_ANSWER, id });
      return;
    }
    send({ type: RETURN_ANSWER, id }, listener, () => listener.close());
  };

  process.on('message', (message: unknown, handle: unknown) => {
    if (!isLoanMessage(message)) return;
    if (message.type === LEND_LISTENER && handle instanceof net.Server) lend(message.id, message.port, handle);
    else if (message.type === RETURN_LISTENER) giveBack(message.id);
  });
  process.channel.unref();
}
