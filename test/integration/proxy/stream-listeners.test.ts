// TCP and UDP listeners of the proxy end to end on loopback. TCP: each connection is carried, unread, to a
// backend of the listener's route (the TCP echo's welcome and its account of the connection come back), a weight
// of 0 never gets one, a listener without a route resets every connection. UDP: the datagrams of one client
// socket stay on one backend and one upstream socket while the flow is alive, clients spread over the weighted
// backends, an idle flow is forgotten (the next datagram comes from a new upstream socket), and a changed route
// forgets every flow so the same client reaches the new backend.
import assert from 'node:assert/strict';
import { createSocket, type Socket as DatagramSocket } from 'node:dgram';
import { connect } from 'node:net';
import pino from 'pino';
import { startTcpEcho, TCP_WELCOME, type TcpEchoServer } from '../../../reference-impl/echo/tcp/tcp-echo-server.ts';
import { startUdpEcho, type UdpEchoServer } from '../../../reference-impl/echo/udp/udp-echo-server.ts';
import { IR_SCHEMA_VERSION, type StreamBackendIR, type StreamListenerIR } from '../../../reference-impl/ir/gateway-ir.ts';
import { seededRandom } from '../../../reference-impl/proxy/backend/seeded-random.ts';
import { type RunningProxy, startProxy } from '../../../reference-impl/proxy/proxy.ts';
import { freePort } from './free-port.ts';
import { startTestConfigServer, type TestConfigServer } from './test-config-server.ts';

const PROXY_HOST = '127.0.0.95';
const HOSTS = { a: '127.0.0.96', b: '127.0.0.97' } as const;
const IDLE_MS = 300;

type Backend = keyof typeof HOSTS;
const context = (backend: Backend) => ({ namespace: 'infra', ingress: '', service: `stream-${backend}`, pod: `stream-${backend}-pod` });

/** The TCP echo's account of one connection through the proxy: its pod, or the error that ended it. */
function tcpExchange(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: PROXY_HOST, port });
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('utf8');
      if (received === TCP_WELCOME) socket.write('TEST\n');
      else if (received.startsWith(TCP_WELCOME) && received.endsWith('\n')) {
        socket.destroy();
        resolve(JSON.parse(received.slice(TCP_WELCOME.length)).pod);
      }
    });
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    socket.on('close', () => resolve(`closed after ${JSON.stringify(received)}`));
  });
}

/** Sends one datagram from `socket` and returns the UDP echo's answer (its pod), or 'timeout'. */
function udpExchange(socket: DatagramSocket, port: number, payload: string): Promise<string> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      socket.off('message', onMessage);
      resolve('timeout');
    }, 2000);
    const onMessage = (answer: Buffer) => {
      clearTimeout(timer);
      socket.off('message', onMessage);
      const parsed = JSON.parse(answer.toString('utf8'));
      assert.equal(parsed.request, payload);
      resolve(parsed.pod);
    };
    socket.on('message', onMessage);
    socket.send(payload, port, PROXY_HOST);
  });
}

describe('reference proxy: TCP and UDP listeners (integration)', function () {
  this.timeout(20_000);
  let config: TestConfigServer;
  let proxy: RunningProxy;
  const tcpEchoes = new Map<Backend, TcpEchoServer>();
  const udpEchoes = new Map<Backend, UdpEchoServer>();
  /** Per UDP backend, the proxy-side address:port of every datagram it received. */
  const udpSources = new Map<Backend, string[]>();
  let tcpPort: number;
  let udpPort: number;
  let version = 0;
  const clients: DatagramSocket[] = [];

  const tcpBackend = (backend: Backend, weight = 1): StreamBackendIR => ({ kind: 'service', name: `infra/stream-${backend}:tcp`, weight, endpoints: [{ address: HOSTS[backend], port: tcpEchoes.get(backend)?.port ?? 0 }] });
  const udpBackend = (backend: Backend, weight = 1): StreamBackendIR => ({ kind: 'service', name: `infra/stream-${backend}:udp`, weight, endpoints: [{ address: HOSTS[backend], port: udpEchoes.get(backend)?.port ?? 0 }] });

  async function publish(tcp: StreamListenerIR, udp: StreamListenerIR): Promise<void> {
    version += 1;
    config.publish({
      version,
      ir: {
        schemaVersion: IR_SCHEMA_VERSION,
        gateway: { namespace: 'infra', name: 'gw' },
        listeners: [{ port: tcpPort, protocol: 'TCP', virtualHosts: [], tcp }],
        udpListeners: [{ port: udpPort, ...udp }],
      },
    });
    await proxy.whenVersionApplied(version, 5000);
  }

  const client = (): DatagramSocket => {
    const socket = createSocket('udp4');
    clients.push(socket);
    return socket;
  };

  before(async () => {
    for (const backend of ['a', 'b'] as const) {
      tcpEchoes.set(backend, await startTcpEcho({ host: HOSTS[backend], port: 0, tlsPort: 0, context: context(backend) }));
      udpSources.set(backend, []);
      udpEchoes.set(backend, await startUdpEcho({ host: HOSTS[backend], port: 0, context: context(backend), onDatagram: ({ client }) => udpSources.get(backend)?.push(client) }));
    }
    tcpPort = await freePort(PROXY_HOST);
    udpPort = tcpPort; // a TCP and a UDP listener may share a port number
    config = await startTestConfigServer('127.0.0.1', 'infra', 'gw');
    proxy = await startProxy({
      gateway: { namespace: 'infra', name: 'gw' },
      configServer: config.address,
      host: PROXY_HOST,
      adminPort: 0,
      logger: pino({ level: 'silent' }),
      random: seededRandom(11),
      reconnect: { initialBackoffMs: 20, maxBackoffMs: 100 },
      drainTimeoutMs: 200,
      udpIdleTimeoutMs: IDLE_MS,
    });
  });

  after(async () => {
    for (const socket of clients) socket.close();
    await proxy?.close();
    await config?.close();
    await Promise.all([...tcpEchoes.values(), ...udpEchoes.values()].map((echo) => echo.close()));
  });

  it('carries each TCP connection to a backend of the route, never to a weight-0 one', async () => {
    const route = { route: 'infra/tcp', backends: [tcpBackend('a', 1), tcpBackend('b', 0)] };
    await publish({ listener: 'tcp', route }, { listener: 'udp' });
    const pods = await Promise.all(Array.from({ length: 10 }, () => tcpExchange(tcpPort)));
    assert.deepEqual(new Set(pods), new Set(['stream-a-pod']));
  });

  it('spreads TCP connections over weighted backends', async () => {
    await publish({ listener: 'tcp', route: { route: 'infra/tcp', backends: [tcpBackend('a'), tcpBackend('b')] } }, { listener: 'udp' });
    const pods: string[] = [];
    for (let i = 0; i < 20; i += 1) pods.push(await tcpExchange(tcpPort));
    assert.deepEqual(new Set(pods), new Set(['stream-a-pod', 'stream-b-pod']));
  });

  it('passes a client FIN on to the backend and still delivers its answer (half-close, as nc at end of input)', async () => {
    await publish({ listener: 'tcp', route: { route: 'infra/tcp', backends: [tcpBackend('a')] } }, { listener: 'udp' });
    const received = await new Promise<string>((resolve) => {
      let text = '';
      const socket = connect({ host: PROXY_HOST, port: tcpPort, allowHalfOpen: true }, () => socket.end('TEST\n'));
      socket.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
      });
      socket.on('end', () => resolve(text));
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    });
    assert.ok(received.startsWith(TCP_WELCOME), received);
    assert.equal(JSON.parse(received.slice(TCP_WELCOME.length)).pod, 'stream-a-pod');
  });

  it('resets every connection of a TCP listener without a route', async () => {
    await publish({ listener: 'tcp' }, { listener: 'udp' });
    assert.equal(await tcpExchange(tcpPort), 'ECONNRESET');
  });

  it('keeps a UDP client on one backend and one upstream socket while its flow is alive, and spreads clients by weight', async () => {
    await publish({ listener: 'tcp' }, { listener: 'udp', route: { route: 'infra/udp', backends: [udpBackend('a'), udpBackend('b')] } });
    const firstPods: string[] = [];
    for (let i = 0; i < 12; i += 1) {
      const socket = client();
      const pods = new Set<string>();
      for (let j = 0; j < 4; j += 1) pods.add(await udpExchange(socket, udpPort, `client ${i} datagram ${j}`));
      assert.equal(pods.size, 1, `client ${i} reached ${[...pods].join(', ')}`);
      firstPods.push(...pods);
    }
    assert.deepEqual(new Set(firstPods), new Set(['stream-a-pod', 'stream-b-pod']));
  });

  it('forgets an idle UDP flow: the next datagram comes through a new upstream socket', async () => {
    await publish({ listener: 'tcp' }, { listener: 'udp', route: { route: 'infra/udp-a', backends: [udpBackend('a')] } });
    const socket = client();
    const sources = udpSources.get('a') ?? [];
    await udpExchange(socket, udpPort, 'one');
    await udpExchange(socket, udpPort, 'two');
    const alive = sources.slice(-2);
    assert.equal(alive[0], alive[1], 'one flow, one upstream socket');
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS * 3));
    await udpExchange(socket, udpPort, 'three');
    assert.notEqual(sources.at(-1), alive[1], 'a new flow after the idle timeout');
  });

  it('forgets every flow when the route changes, so a client reaches the new backend', async () => {
    await publish({ listener: 'tcp' }, { listener: 'udp', route: { route: 'infra/udp-a', backends: [udpBackend('a')] } });
    const socket = client();
    assert.equal(await udpExchange(socket, udpPort, 'before'), 'stream-a-pod');
    await publish({ listener: 'tcp' }, { listener: 'udp', route: { route: 'infra/udp-b', backends: [udpBackend('b')] } });
    assert.equal(await udpExchange(socket, udpPort, 'after'), 'stream-b-pod');
  });

  it('drops the datagrams of a UDP listener without a route', async () => {
    await publish({ listener: 'tcp' }, { listener: 'udp' });
    assert.equal(await udpExchange(client(), udpPort, 'nobody'), 'timeout');
  });
});
