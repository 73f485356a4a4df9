import assert from 'node:assert/strict';
import { ImageCatalog, imageRepository } from '../../../src/runtime/image-catalog.ts';

describe('image catalog', () => {
  const catalog = new ImageCatalog([
    { repository: 'example/web', script: '/srv/web.ts' },
    { repository: 'registry.k8s.io/team/echo', script: '/srv/echo.ts' },
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
});
