// Pods and LoadBalancers live on addresses such as 127.10.3.7. Linux routes all of 127.0.0.0/8 to the
// loopback interface; macOS and Windows route only 127.0.0.1 unless aliases are added. Checking once at
// start turns a crash loop of every pod into one clear error.
import net from 'node:net';
import { RuntimeError } from './runtime-error.ts';

export async function assertLoopbackRangeUsable(address: string): Promise<void> {
  const server = net.createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: address, port: 0 }, resolve);
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new RuntimeError(
      'LoopbackUnavailable',
      `cannot listen on ${address} (${code}): the local cluster gives each pod its own 127.x.y.z address, which ` +
        'needs the whole 127.0.0.0/8 on the loopback interface (as on Linux). On macOS add aliases ' +
        `(sudo ifconfig lo0 alias ${address}) or use --cluster kind`,
      { cause: error },
    );
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}
