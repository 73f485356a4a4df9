// Upstream's own conformance base manifests (gateway-api v1.6.1, never copied into this repository: see
// test/support/upstream-conformance-manifests.ts) applied unchanged to `gauntlet up`: kubectl server-side
// apply, the GatewayClass placeholder replaced as upstream's suite does, then every pod Ready and every
// Gateway Programmed (the HTTPS one serving its certificate by SNI), and the backends doing what upstream's tests
// use them for: h2c, HTTPS with SNI from a Secret volume, the TCP echo (plain and TLS), DNS over UDP on
// port 53 from the coredns stand-in (mapped by the pod sandbox: the cluster runs as an ordinary user would).
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../harness/run/project-paths.ts';
import { sendHttpsRequest } from '../../harness/traffic/send-https-request.ts';
import { type Kubectl, kubectlFor } from '../../packages/local-cluster/test/support/kubectl.ts';
import { infraName } from '../../reference-impl/controller/infra/infra-names.ts';
import { locateUpstreamBaseManifests } from '../support/upstream-conformance-manifests.ts';
import { processesMentioning, runGauntlet } from './run-command.ts';
import { dnsQuery, h2cGet, httpsGet, tcpConversation } from './support/pod-probes.ts';
import { awaitRolledOut, type ClusterObject, conditionOf } from './support/rollout.ts';

const INFRA = 'gateway-conformance-infra';
/** The cluster runs with mapped ports (as for an ordinary user, even as root): pod port P < 1024 is on P + 10000. */
const hostPortOfPod = (port: number) => (port < 1024 ? port + 10_000 : port);

describe("upstream's conformance base manifests on gauntlet up", function () {
  this.timeout(300_000);
  let manifestsPath = '';

  before(async function () {
    const located = await locateUpstreamBaseManifests();
    if ('unavailable' in located) {
      console.log(`      skipped: ${located.unavailable}`);
      this.skip();
    }
    manifestsPath = located.path;
  });

  it('runs every pod and serves every Gateway, and the backends answer as upstream tests use them', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'gauntlet-upstream-'));
    const env = { ...process.env, GAUNTLET_LOCAL_PORTS: 'mapped' };
    const up = await runGauntlet(['up', '--state-dir', stateDir], { cwd: projectRoot, timeoutMs: 150_000, env });
    try {
      assert.equal(up.code, 0, up.stderr);
      const kubeconfig = /^export KUBECONFIG=(.+)$/m.exec(up.stdout)?.[1] ?? '';
      assert.match(up.stderr, /conformance certificates \(Secrets and CA ConfigMaps upstream's manifests name, and the security scenarios' flawed ones\): 16 generated/);
      const kubectl = kubectlFor(kubeconfig, await mkdtemp(join(tmpdir(), 'kubectl-cache-')));

      // As upstream's suite does, the GatewayClass placeholder becomes the class under test.
      const upstream = (await readFile(manifestsPath, 'utf8')).replaceAll('{GATEWAY_CLASS_NAME}', 'gauntlet');
      const applied = join(stateDir, 'upstream-base-manifests.yaml');
      await writeFile(applied, upstream);
      // The base fixture's fields belong to the `gauntlet` manager: taking them over is a conflict without force, as on any cluster.
      const apply = await kubectl.result(['apply', '--server-side', '--force-conflicts', '-f', applied]);
      assert.equal(apply.code, 0, apply.stderr);

      const { pods } = await awaitRolledOut(kubectl, 150_000);
      console.log((await kubectl.run(['get', 'pods,gateways', '-A'])).replace(/^/gm, '      '));
      await assertGateways(kubectl);
      // Applied over the base fixture, whose containers are named as upstream's: changed in place, not doubled.
      for (const pod of pods) assert.equal(pod.spec?.containers?.length, 1, `${pod.metadata.namespace}/${pod.metadata.name} has one container`);

      const podOf = (namespace: string, app: string) => {
        const pod = pods.find((p) => p.metadata.namespace === namespace && p.metadata.labels?.app === app);
        assert.ok(pod?.status?.podIP, `a ready pod of ${namespace}/${app}`);
        return pod.status.podIP;
      };
      const caOf = async (name: string) => kubectl.run(['get', 'configmap', '-n', INFRA, name, '-o', 'jsonpath={.data.ca\\.crt}']);

      // The HTTPS Gateway, through its NodePort on the node: upstream's certificate for the SNI's listener,
      // verified against it, h2 by ALPN, and (no route attached yet) the proxy's own 404.
      const node = await kubectl.run(['get', 'nodes', '-o', 'jsonpath={.items[0].status.addresses[?(@.type=="InternalIP")].address}']);
      const nodePort = Number(await kubectl.run(['get', 'service', '-n', INFRA, infraName('same-namespace-with-https-listener'), '-o', 'jsonpath={.spec.ports[0].nodePort}']));
      const certificate = Buffer.from(await kubectl.run(['get', 'secret', '-n', INFRA, 'tls-validity-checks-certificate', '-o', 'jsonpath={.data.tls\\.crt}']), 'base64').toString();
      const viaGateway = await sendHttpsRequest({ host: node, port: nodePort }, { host: 'second-example.org', path: '/', ca: certificate, alpn: ['h2'] });
      assert.deepEqual([viaGateway.status, viaGateway.tls.alpn], [404, 'h2']);

      // h2c on the echo's second port, as HTTPRoute's kubernetes.io/h2c backends reach it.
      const h2c = await h2cGet(podOf(INFRA, 'infra-backend-v1'), 3001, '/h2c-check');
      assert.equal(h2c.status, 200);
      assert.deepEqual(pick(JSON.parse(h2c.body), ['path', 'proto', 'namespace']), { path: '/h2c-check', proto: 'HTTP/2.0', namespace: INFRA });

      // HTTPS from the tls-backend: its certificate comes from the tls-checks-certificate Secret volume, signed by the tls-checks CA.
      const tlsChecksCa = await caOf('tls-checks-ca-certificate');
      const https = await httpsGet(podOf(INFRA, 'tls-backend'), 8443, 'abc.example.com', tlsChecksCa, '/tls-check');
      assert.equal(https.status, 200);
      const httpsAnswer = JSON.parse(https.body) as { path: string; tls?: { serverName?: string } };
      assert.deepEqual([httpsAnswer.path, httpsAnswer.tls?.serverName], ['/tls-check', 'abc.example.com']);

      // The TCP echo, plain and over TLS with the passthrough certificate.
      const tcpBackend = podOf(INFRA, 'tcp-backend');
      const plain = await tcpConversation(tcpBackend, 3000, ['PING', 'IS_TLS'], 3);
      assert.deepEqual(plain, ['Gateway API Test TCP Server', 'PONG', 'false']);
      const overTls = await tcpConversation(tcpBackend, 8443, ['IS_TLS'], 2, { serverName: 'abc.example.com', ca: tlsChecksCa });
      assert.deepEqual(overTls, ['Gateway API Test TCP Server', 'true']);

      // DNS over UDP from the coredns stand-in, port 53 of its pod; its Corefile came from a ConfigMap volume.
      const coredns = podOf(INFRA, 'udp');
      const whoami = await dnsQuery(coredns, hostPortOfPod(53), 'foo.bar.com');
      assert.equal(whoami.rcode, 'NOERROR');
      assert.ok(whoami.additionals?.some((record) => record.type === 'A'), 'whoami answers with the client address');
      const forwarded = await dnsQuery(coredns, hostPortOfPod(53), 'example.com');
      assert.equal(forwarded.rcode, 'SERVFAIL', 'the forward zone is not forwarded off the machine');
    } finally {
      const down = await runGauntlet(['down', '--state-dir', stateDir], { cwd: projectRoot, timeoutMs: 60_000 });
      assert.equal(down.code, 0, down.stderr);
    }
    assert.deepEqual(await processesMentioning(stateDir), [], 'the serving process and its pods are gone');
  });
});

async function assertGateways(kubectl: Kubectl): Promise<void> {
  const gateways = JSON.parse(await kubectl.run(['get', 'gateways', '-A', '-o', 'json'])).items as ClusterObject[];
  assert.equal(gateways.length, 4, 'the base fixture and upstream name the same four Gateways');
  for (const gateway of gateways) {
    const name = gateway.metadata.name;
    assert.equal(conditionOf(gateway, 'Programmed')?.status, 'True', `Gateway ${name} Programmed`);
    const listeners = (gateway.status as { listeners?: { name: string; conditions: { type: string; status: string }[] }[] }).listeners ?? [];
    for (const listener of listeners) {
      for (const type of ['Accepted', 'Programmed', 'ResolvedRefs']) {
        assert.equal(listener.conditions.find((c) => c.type === type)?.status, 'True', `${name} listener ${listener.name} ${type}`);
      }
    }
  }
}

function pick(object: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, object[key]]));
}
