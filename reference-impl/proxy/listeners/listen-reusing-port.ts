// Binds with SO_REUSEPORT (Node 22.12+/23.1+, Linux): several proxy processes listen on the same
// host:port and the kernel spreads new connections over them, so a proxy can use every core.
import type { Server } from 'node:net';

/** Like net/listen-on.ts's listenOn, with `reusePort: true`; resolves with the bound port. */
export function listenReusingPort(server: Server, port: number, host: string): Promise<number> {
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
    server.listen({ port, host, reusePort: true });
  });
}
