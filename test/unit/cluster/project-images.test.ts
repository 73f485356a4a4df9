import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { PROJECT_IMAGES } from '../../../harness/cluster/local/project-images.ts';
import { ImageCatalog } from '../../../packages/local-cluster/src/runtime/image-catalog.ts';

describe('the project image catalog of the local cluster', () => {
  const catalog = new ImageCatalog(PROJECT_IMAGES);
  const scriptOf = (image: string) => catalog.scriptFor(image) ?? '';

  it('names an existing entry script for every runnable image', () => {
    assert.ok(PROJECT_IMAGES.length > 0);
    for (const entry of PROJECT_IMAGES) {
      if ('script' in entry) assert.ok(existsSync(entry.script), `${entry.repository}: ${entry.script} is missing`);
    }
  });

  it("runs the project's own images", () => {
    assert.match(scriptOf('gateway-gauntlet/echo:dev'), /reference-impl\/echo\/main\.ts$/);
    assert.match(scriptOf('gateway-gauntlet/proxy:dev'), /reference-impl\/proxy\/main\.ts$/);
    assert.match(scriptOf('gateway-gauntlet/controller:dev'), /reference-impl\/controller\/main\.ts$/);
  });

  it("runs the echo backend for upstream's echo-basic, released or staging, whatever the tag", () => {
    const echo = scriptOf('gateway-gauntlet/echo:dev');
    for (const image of [
      'registry.k8s.io/gateway-api/echo-basic:v1.5.1',
      'registry.k8s.io/gateway-api/echo-basic:v1.6.0-dev.2',
      'registry.k8s.io/gateway-api/echo-basic:v1.6.0-dev.3',
      'registry.k8s.io/gateway-api/echo-basic@sha256:0123456789abcdef',
      'gcr.io/k8s-staging-gateway-api/echo-basic:v20240412-v1.0.0-394-g40c666fd',
    ]) {
      assert.equal(scriptOf(image), echo, image);
    }
  });

  it('runs the DNS responder for the coredns image of the UDPRoute backend', () => {
    assert.match(scriptOf('registry.k8s.io/coredns/coredns:v1.12.2'), /reference-impl\/dns-responder\/main\.ts$/);
  });

  it("refuses upstream's mesh echo (echo-advanced) saying the mesh profile is out of scope, not that the image is unknown", () => {
    const resolution = catalog.resolve('registry.k8s.io/gateway-api/echo-advanced:v1.5.1');
    assert.ok('refusal' in resolution, 'echo-advanced has no stand-in');
    assert.match(resolution.refusal, /^image "registry\.k8s\.io\/gateway-api\/echo-advanced:v1\.5\.1" cannot run in the local cluster: /);
    assert.match(resolution.refusal, /mesh profile is out of scope/);
    assert.match(resolution.refusal, /real cluster/);
    assert.doesNotMatch(resolution.refusal, /runs only the images of its catalog/);
  });

  it('still refuses images nobody maps, listing what runs', () => {
    const resolution = catalog.resolve('registry.k8s.io/coredns/coredns-extra:v1');
    assert.ok('refusal' in resolution);
    assert.match(resolution.refusal, /runs only the images of its catalog \(.*registry\.k8s\.io\/coredns\/coredns:<tag>/);
    assert.doesNotMatch(resolution.refusal, /echo-advanced/, 'images without a stand-in are not offered as runnable');
  });
});
