import assert from 'node:assert/strict';
import { referenceInstallManifest } from '../../../harness/run/project-paths.ts';
import { readManifests } from '../../../harness/run/read-manifests.ts';
import { referenceVariant, variantManifests } from '../../../harness/run/reference-variants.ts';

describe('reference implementation variants', () => {
  it('installs the reference class from install.yaml unchanged', async () => {
    const install = await readManifests(referenceInstallManifest);
    const variant = referenceVariant('gauntlet');
    assert.ok(variant);
    assert.deepEqual(variantManifests(install, variant), install);
    assert.equal(referenceVariant('someone-elses'), undefined);
  });

  it('gives the altered copy its own controller (name, pod labels, CONTROLLER_NAME, DEVIATE) and GatewayClass', async () => {
    const install = await readManifests(referenceInstallManifest);
    const variant = referenceVariant('gauntlet-altered');
    assert.ok(variant?.deviation);
    const altered = variantManifests(install, variant);
    const deployment = altered.find(({ object }) => object.kind === 'Deployment')?.object as unknown as {
      metadata: { name: string };
      spec: { selector: { matchLabels: Record<string, string> }; template: { metadata: { labels: Record<string, string> }; spec: { containers: { env: { name: string; value?: string }[] }[] } } };
    };
    assert.equal(deployment.metadata.name, 'gauntlet-altered-controller');
    assert.equal(deployment.spec.selector.matchLabels['app.kubernetes.io/name'], 'gauntlet-altered-controller');
    assert.equal(deployment.spec.template.metadata.labels['app.kubernetes.io/name'], 'gauntlet-altered-controller');
    const env = deployment.spec.template.spec.containers[0]?.env ?? [];
    assert.deepEqual(env.filter((entry) => entry.name === 'CONTROLLER_NAME' || entry.name === 'DEVIATE'), [
      { name: 'CONTROLLER_NAME', value: 'gauntlet.dev/altered-controller' },
      { name: 'DEVIATE', value: 'equal-backend-weights' },
    ]);
    const gatewayClass = altered.find(({ object }) => object.kind === 'GatewayClass')?.object as unknown as { metadata: { name: string }; spec: { controllerName: string; description: string } };
    assert.equal(gatewayClass.metadata.name, 'gauntlet-altered');
    assert.equal(gatewayClass.spec.controllerName, 'gauntlet.dev/altered-controller');
    assert.ok(gatewayClass.spec.description.length <= 64, 'the CRD limits description to 64 characters');
    assert.equal(install.find(({ object }) => object.kind === 'Deployment')?.object.metadata.name, 'gauntlet-controller', 'install.yaml objects are not changed in place');
  });
});
