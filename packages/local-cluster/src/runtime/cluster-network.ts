// The addresses of one local cluster, claimed so that no other local cluster on this machine (another
// checkout, another user) uses them while it runs. The machine's loopback space is cut into SLOT_COUNT
// slots; slot s owns
//
//   node address          127.30.0.(s+1)      the node's InternalIP: NodePorts are served there
//   pod addresses         127.10.4s.0/22      1016 pods
//   LoadBalancer addresses 127.20.4s.0/22     1016 LoadBalancer Services
//
// and every slot shares ON_REQUEST_ADDRESSES, 127.40.0.0/16, given to a LoadBalancer Service only when it asks for
// one of them by address (requested-address.ts claims each the same way as a slot).
//
// The claim is a listening socket on the node address and CLAIM_PORT: binding it is atomic, it is refused
// (EADDRINUSE) while any process holds it, and the kernel drops it when the last holder dies, so a
// claim can never go stale the way a lock file does. Pod processes inherit the socket (see claimFd), so a
// cluster whose harness was killed keeps its slot until its last orphaned pod has stopped itself.
import net from 'node:net';
import { AddressBlock } from './address-block.ts';
import { RuntimeError } from './runtime-error.ts';

export const SLOT_COUNT = 64;
const THIRD_OCTETS_PER_SLOT = 4;
/** Chosen outside Kubernetes' well-known ports and the NodePort range, below the ephemeral ranges. */
export const CLAIM_PORT = 10_350;

export interface ClusterNetwork {
  slot: number;
  /** This cluster's node: its InternalIP, where NodePorts are served. */
  nodeAddress: string;
  pods: AddressBlock;
  loadBalancers: AddressBlock;
  /** The claim socket's file descriptor, handed to pod processes (-1 where the platform has none). */
  claimFd: number;
  /** Gives the slot back (once every pod process is gone). */
  release(): Promise<void>;
}

/** Addresses a LoadBalancer Service may ask for (spec.loadBalancerIP) on any local cluster; never handed out unasked. */
export const ON_REQUEST_ADDRESSES = new AddressBlock('127.40', 0, 256);

export function nodeAddressOf(slot: number): string {
  return `127.30.0.${slot + 1}`;
}

function slotBlocks(slot: number): { pods: AddressBlock; loadBalancers: AddressBlock } {
  const first = slot * THIRD_OCTETS_PER_SLOT;
  return {
    pods: new AddressBlock('127.10', first, THIRD_OCTETS_PER_SLOT),
    loadBalancers: new AddressBlock('127.20', first, THIRD_OCTETS_PER_SLOT),
  };
}

/** Claims the lowest free slot. */
export async function claimClusterNetwork(): Promise<ClusterNetwork> {
  for (let slot = 0; slot < SLOT_COUNT; slot++) {
    const nodeAddress = nodeAddressOf(slot);
    const server = net.createServer();
    const outcome = await listenOnClaimPort(server, nodeAddress);
    if (outcome === 'taken') continue;
    if (outcome !== 'claimed') throw unusableLoopback(nodeAddress, outcome);
    server.unref(); // the claim must not keep a finished program alive
    const handle = (server as unknown as { _handle?: { fd?: number } })._handle;
    return {
      slot,
      nodeAddress,
      ...slotBlocks(slot),
      claimFd: typeof handle?.fd === 'number' ? handle.fd : -1,
      release: () => new Promise((resolve) => server.close(() => resolve())),
    };
  }
  throw new RuntimeError(
    'NoFreeClusterSlot',
    `all ${SLOT_COUNT} local cluster slots of this machine are taken (127.30.0.1-${SLOT_COUNT}:${CLAIM_PORT} all held): stop some local clusters (gauntlet down), or check which programs hold those ports (ss -ltnp 'sport = :${CLAIM_PORT}')`,
  );
}

/** Listens on `host`:CLAIM_PORT, the claim of that address: 'taken' when another holder has it. */
export function listenOnClaimPort(server: net.Server, host: string): Promise<'claimed' | 'taken' | NodeJS.ErrnoException> {
  return new Promise((resolve) => {
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'EADDRINUSE' ? 'taken' : error));
    server.listen({ host, port: CLAIM_PORT, backlog: 1 }, () => resolve('claimed'));
  });
}

function unusableLoopback(address: string, error: NodeJS.ErrnoException): RuntimeError {
  return new RuntimeError(
    'LoopbackUnavailable',
    `cannot listen on ${address}:${CLAIM_PORT} (${error.code ?? error.message}): the local cluster gives its node, each pod and each ` +
      'LoadBalancer its own 127.x.y.z address, which needs the whole 127.0.0.0/8 on the loopback interface (as on Linux). ' +
      `On macOS add aliases (sudo ifconfig lo0 alias ${address}; likewise for 127.10.0.1 and 127.20.0.1 upwards) or use a kubeconfig cluster`,
    { cause: error },
  );
}
