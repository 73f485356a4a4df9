import assert from 'node:assert/strict';
import { prepareCniManifest } from '../../../harness/cluster/kind/cni-manifest.ts';
import { addressPool, poolManifests } from '../../../harness/cluster/load-balancer/metallb.ts';
import type { LocatedManifest } from '../../../harness/kube/manifest.ts';
import { ClusterFlagError, clusterChoiceFrom } from '../../../harness/run/cluster-flags.ts';
import { UPSTREAM_ECHO_IMAGE, withEchoImage } from '../../../harness/run/echo-image.ts';

describe('cluster flags of gauntlet run', () => {
  it('maps --cluster and its images to a cluster choice, refusing what does not apply', () => {
    assert.deepEqual(clusterChoiceFrom({ cluster: 'local' }), { provider: 'local' });
    assert.deepEqual(clusterChoiceFrom({ cluster: 'kind', kindImage: 'kindest/node:v1.34.0', k3sImage: 'ignored', keep: true }), { provider: 'kind', keep: true, image: 'kindest/node:v1.34.0' });
    assert.deepEqual(clusterChoiceFrom({ cluster: 'k3s', baseImage: 'debian-node' }), { provider: 'k3s', keep: false, baseImage: 'debian-node' });
    assert.throws(() => clusterChoiceFrom({ cluster: 'kubeconfig' }), /needs --kubeconfig/);
    assert.throws(() => clusterChoiceFrom({ cluster: 'local', keep: true }), ClusterFlagError);
    assert.throws(() => clusterChoiceFrom({ cluster: 'minikube' }), /unknown provider; use local, kind, k3s or kubeconfig/);
  });
});

describe('Gateway addresses from MetalLB', () => {
  it('takes a pool at the top of the node network, below its broadcast address', () => {
    assert.equal(addressPool('172.18.0.0/16'), '172.18.255.200-172.18.255.250');
    assert.equal(addressPool('192.168.96.0/20'), '192.168.111.200-192.168.111.250');
    assert.throws(() => addressPool('172.18.0.0/28'), /need an IPv4 subnet of \/24 or larger/);
    assert.deepEqual(
      poolManifests('172.18.0.0/16').map(({ object }) => object.kind),
      ['IPAddressPool', 'L2Advertisement'],
    );
  });
});

describe('the kind CNI manifest', () => {
  it('is used as it is when it asks for neither templating nor patching', () => {
    assert.equal(prepareCniManifest('kind: DaemonSet\n', { podSubnet: '10.244.0.0/16', controlPlaneEndpoint: 'x:6443' }), 'kind: DaemonSet\n');
  });
});

describe('the echo image on real clusters', () => {
  it("swaps the project's echo image for upstream's echo-basic and leaves other containers alone", () => {
    const deployment = (image: string): LocatedManifest => ({
      object: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'backend' }, spec: { template: { spec: { containers: [{ image }] } } } },
      source: { file: 'f.yaml', line: 1 },
    });
    const imageOf = (manifest: LocatedManifest | undefined) => (manifest?.object.spec as { template: { spec: { containers: { image: string }[] } } } | undefined)?.template.spec.containers[0]?.image;
    const [echo, other] = withEchoImage([deployment('gateway-gauntlet/echo:dev'), deployment('nginx:1')], UPSTREAM_ECHO_IMAGE);
    assert.equal(imageOf(echo), 'registry.k8s.io/gateway-api/echo-basic:v1.5.1');
    assert.equal(imageOf(other), 'nginx:1');
  });
});
