import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { entryScriptFor, IMAGE_CATALOG, imageRepository, unknownImageMessage } from '../../../harness/cluster/local/runtime/image-catalog.ts';
import { findRepositoryRoot } from '../../../harness/cluster/local/runtime/repository-root.ts';

describe('image catalog', () => {
  it('maps the project images with any tag or digest to their entry scripts', () => {
    assert.equal(entryScriptFor('gateway-gauntlet/echo:dev'), 'reference-impl/echo/main.ts');
    assert.equal(entryScriptFor('gateway-gauntlet/echo'), 'reference-impl/echo/main.ts');
    assert.equal(entryScriptFor('gateway-gauntlet/echo@sha256:0123abcd'), 'reference-impl/echo/main.ts');
    assert.equal(entryScriptFor('gateway-gauntlet/controller:v1.2.3'), 'reference-impl/controller/main.ts');
    assert.equal(entryScriptFor('gateway-gauntlet/proxy:latest@sha256:ff'), 'reference-impl/proxy/main.ts');
    assert.equal(entryScriptFor('gcr.io/k8s-staging-gateway-api/echo-basic:v20240412-v1.0.0-394-g40c666fd'), 'reference-impl/echo/main.ts');
  });

  it('does not map other images, even with a similar name', () => {
    assert.equal(entryScriptFor('nginx:1.27'), undefined);
    assert.equal(entryScriptFor('gateway-gauntlet/echoes:dev'), undefined);
    assert.equal(entryScriptFor('example.com/gateway-gauntlet/echo:dev'), undefined);
    assert.equal(entryScriptFor(''), undefined);
  });

  it('splits the repository from tag, digest and registry port', () => {
    assert.equal(imageRepository('registry.local:5000/team/app:1.0'), 'registry.local:5000/team/app');
    assert.equal(imageRepository('docker.io/library/nginx:1.27'), 'nginx');
    assert.equal(imageRepository('app@sha256:abc'), 'app');
  });

  it('explains an unknown image: what runs locally and what to use instead', () => {
    const message = unknownImageMessage('nginx:1.27');
    assert.match(message, /"nginx:1\.27"/);
    for (const entry of IMAGE_CATALOG) assert.ok(message.includes(entry.repository));
    assert.match(message, /kind or kubeconfig cluster/);
  });

  it('names entry scripts relative to the repository root', () => {
    const root = findRepositoryRoot();
    assert.ok(existsSync(path.join(root, 'package.json')));
    assert.ok(existsSync(path.join(root, IMAGE_CATALOG[0]?.script ?? 'missing')));
  });
});
