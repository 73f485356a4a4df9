// Binding a server is the same dance for every component (controller config server, proxy ports and
// admin, echo): listen, turn the first 'error' into a rejection, report the port actually bound.
import type { Server } from 'node:net';

/**
 * Binds `server` to host:port (0 picks a free port); resolves with the bound port. `reusePort` sets
 * SO_REUSEPORT (Linux): several proxy processes listen on one host:port and the kernel spreads connections.
 */
export function listenOn(server: Server, port: number, host: string, options: { reusePort?: boolean } = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = (): void => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ port, host, reusePort: options.reusePort ?? false });
  });
}
