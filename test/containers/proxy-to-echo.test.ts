// The reference implementation as containers: the echo backend and the proxy images, built from
// reference-impl/deploy/Dockerfile on a base image made here (debootstrap + docker import), run through
// testcontainers on one network; the proxy gets a static configuration (one route to the echo container) from
// a static config server container; a request goes through the proxy's mapped port to the echo backend, and
// afterwards no container or network of the test is left. Skipped, saying why, only where no engine can start.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { GenericContainer, Network, type StartedNetwork, type StartedTestContainer, Wait } from 'testcontainers';
import { buildReferenceImages, referenceImageName } from '../../harness/cluster/images/reference-images.ts';
import type { GatewayIR } from '../../reference-impl/ir/gateway-ir.ts';
import { ensureDebianNodeBaseImage } from './support/debian-node-base-image.ts';
import { type DockerEngine, ensureDockerEngine } from './support/docker-engine.ts';

const NODE_BINARY = fileURLToPath(new URL('../../node_modules/node/bin/node', import.meta.url));
const STATIC_CONFIG_SERVER = fileURLToPath(new URL('./fixtures/static-config-server.ts', import.meta.url));
const LISTENER_PORT = 8080;
const ECHO_PORT = 3000;
const log = (line: string) => console.log(`      ${line}`);

function staticIr(echoAddress: string): GatewayIR {
  return {
    schemaVersion: 4,
    gateway: { namespace: 'containers', name: 'static' },
    listeners: [
      {
        port: LISTENER_PORT,
        protocol: 'HTTP',
        virtualHosts: [
          {
            hostname: 'echo.example.com',
            rules: [
              {
                id: 'containers/static/rule/0/match/0',
                match: { path: { type: 'PathPrefix', value: '/' }, headers: [], queryParams: [] },
                filters: [{ type: 'RequestHeaderModifier', set: [{ name: 'x-through', value: 'gauntlet-proxy' }], add: [], remove: [] }],
                backends: [{ kind: 'service', name: 'containers/echo:3000', weight: 1, protocol: 'http', filters: [], endpoints: [{ address: echoAddress, port: ECHO_PORT }] }],
              },
            ],
          },
        ],
      },
    ],
  };
}

/** One GET with the Host header given (fetch forbids setting Host), bounded by a timeout. */
function get(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host }, timeout: 10_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url} (Host: ${host}): no answer within 10 s`)));
    req.on('error', reject);
    req.end();
  });
}

function leftovers(containerIds: string[], networkName: string): string[] {
  const found: string[] = [];
  for (const id of containerIds) {
    if (spawnSync('docker', ['container', 'inspect', id], { stdio: 'ignore' }).status === 0) found.push(`container ${id.slice(0, 12)}`);
  }
  if (spawnSync('docker', ['network', 'inspect', networkName], { stdio: 'ignore' }).status === 0) found.push(`network ${networkName}`);
  return found;
}

describe('reference implementation containers (testcontainers, images built from reference-impl/deploy/Dockerfile)', function () {
  this.timeout(15 * 60_000);
  let engine: DockerEngine;
  let network: StartedNetwork | undefined;
  const started: StartedTestContainer[] = [];

  before(async function () {
    engine = await ensureDockerEngine();
    if (!engine.available) {
      console.log(`      skipped: no Docker engine can be started here: ${engine.reason}`);
      this.skip();
    }
    log(engine.startedHere ? 'started dockerd for this test' : 'using the running Docker engine');
    // The reaper's image cannot be pulled on a machine without a registry; this test removes what it starts
    // itself and checks that nothing is left.
    process.env.TESTCONTAINERS_RYUK_DISABLED = 'true';
    const baseImage = ensureDebianNodeBaseImage(NODE_BINARY, log);
    log(`base image ${baseImage}`);
    await buildReferenceImages({ components: ['echo', 'proxy'], baseImage, log });
  });

  after(async () => {
    if (engine?.available) await engine.stop();
  });

  it('sends a request through the proxy container to the echo container over mapped ports, then leaves nothing', async () => {
    network = await new Network().start();
    const networkName = network.getName();
    try {
      const echo = await new GenericContainer(referenceImageName('echo'))
        .withNetwork(network)
        .withNetworkAliases('echo')
        .withEnvironment({ POD_NAME: 'echo-0', NAMESPACE: 'containers', SERVICE_NAME: 'echo' })
        .withExposedPorts(ECHO_PORT)
        .withWaitStrategy(Wait.forLogMessage(/echo server listening/))
        .start();
      started.push(echo);
      const config = await new GenericContainer(ensureDebianNodeBaseImage(NODE_BINARY, log))
        .withNetwork(network)
        .withNetworkAliases('config')
        .withCopyFilesToContainer([{ source: STATIC_CONFIG_SERVER, target: '/srv/static-config-server.ts' }])
        .withEnvironment({ STATIC_IR: JSON.stringify(staticIr(echo.getIpAddress(networkName))) })
        .withCommand(['node', '/srv/static-config-server.ts'])
        .withWaitStrategy(Wait.forLogMessage(/static config server listening/))
        .start();
      started.push(config);
      const proxy = await new GenericContainer(referenceImageName('proxy'))
        .withNetwork(network)
        .withEnvironment({ GATEWAY_NAMESPACE: 'containers', GATEWAY_NAME: 'static', CONFIG_SERVER: 'config:18000' })
        .withExposedPorts(LISTENER_PORT, 19001)
        .withWaitStrategy(Wait.forHttp('/ready', 19001).forStatusCode(200))
        .start();
      started.push(proxy);

      const url = `http://${proxy.getHost()}:${proxy.getMappedPort(LISTENER_PORT)}/through/the/proxy`;
      log(`GET ${url} (Host: echo.example.com)`);
      const response = await get(url, 'echo.example.com');
      assert.equal(response.status, 200, response.body);
      const body = JSON.parse(response.body) as { path: string; host: string; pod: string; headers: Record<string, string[]> };
      assert.equal(body.pod, 'echo-0', 'the echo container answered');
      assert.equal(body.path, '/through/the/proxy');
      assert.equal(body.host, 'echo.example.com');
      assert.deepEqual(body.headers['X-Through'], ['gauntlet-proxy'], 'the proxy applied its route filter');
      log(`200 from pod ${body.pod}, path ${body.path}, x-through ${JSON.stringify(body.headers['X-Through'])}`);

      const missRoute = await get(url, 'other.example.com');
      assert.equal(missRoute.status, 404, 'a host no route serves gets 404 from the proxy, not the echo');
    } finally {
      const ids = started.map((container) => container.getId());
      for (const container of started.reverse()) await container.stop();
      await network.stop();
      assert.deepEqual(leftovers(ids, networkName), [], 'every container and the network are removed');
      log(`removed ${ids.length} containers and network ${networkName}`);
    }
  });
});
