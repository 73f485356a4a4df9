import assert from 'node:assert/strict';
import { ImageCatalog, imageRepository } from '../../../src/runtime/image-catalog.ts';

describe('image catalog', () => {
  const catalog = new ImageCatalog([
    { repository: 'example/web', script: '/srv/web.ts' },
    { repository: 'registry.k8s.io/team/echo', script: '/srv/echo.ts' },
    { repository: 'registry.k8s.io/team/mesh-echo', unavailable: 'the mesh profile is out of scope here; use a real cluster' },
  ]);

  it('maps an image with any tag or digest to its entry script', () => {
    assert.equal(catalog.scriptFor('example/web:dev'), '/srv/web.ts');
    assert.equal(catalog.scriptFor('example/web'), '/srv/web.ts');
    assert.equal(catalog.scriptFor('example/web@sha256:0123abcd'), '/srv/web.ts');
    assert.equal(catalog.scriptFor('registry.k8s.io/team/echo:v1.5.1'), '/srv/echo.ts');
    assert.equal(catalog.scriptFor(' example/web:latest@sha256:ff '), '/srv/web.ts');
  });

  it('does not map other images, even with a similar name', () => {
    assert.equal(catalog.scriptFor('nginx:1.27'), undefined);
    assert.equal(catalog.scriptFor('example/webs:dev'), undefined);
    assert.equal(catalog.scriptFor('mirror.example.com/example/web:dev'), undefined);
    assert.equal(catalog.scriptFor(''), undefined);
  });

  it('splits the repository from tag, digest and registry port', () => {
    assert.equal(imageRepository('registry.local:5000/team/app:1.0'), 'registry.local:5000/team/app');
    assert.equal(imageRepository('docker.io/library/nginx:1.27'), 'nginx');
    assert.equal(imageRepository('app@sha256:abc'), 'app');
  });

  it('explains an unknown image: what runs locally and what to use instead', () => {
    const message = catalog.unknownImageMessage('nginx:1.27');
    assert.match(message, /"nginx:1\.27"/);
    assert.match(message, /example\/web:<tag>, registry\.k8s\.io\/team\/echo:<tag>/);
    assert.match(message, /use a real cluster/);
  });

  it('resolves a runnable image to its script and any other to the message its container waits with', () => {
    assert.deepEqual(catalog.resolve('example/web:1'), { script: '/srv/web.ts' });
    assert.deepEqual(catalog.resolve('nginx:1.27'), { refusal: catalog.unknownImageMessage('nginx:1.27') });
  });

  it("refuses an image known to have no stand-in with the catalog's reason, and never offers it as runnable", () => {
    assert.equal(catalog.scriptFor('registry.k8s.io/team/mesh-echo:v2'), undefined);
    assert.deepEqual(catalog.resolve('registry.k8s.io/team/mesh-echo:v2'), {
      refusal: 'image "registry.k8s.io/team/mesh-echo:v2" cannot run in the local cluster: the mesh profile is out of scope here; use a real cluster',
    });
    assert.doesNotMatch(catalog.unknownImageMessage('nginx'), /mesh-echo/);
  });
});
