import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { PROJECT_IMAGES } from '../../../harness/cluster/local/project-images.ts';

describe('the project image catalog of the local cluster', () => {
  it('names an existing entry script for every image', () => {
    assert.ok(PROJECT_IMAGES.length > 0);
    for (const entry of PROJECT_IMAGES) assert.ok(existsSync(entry.script), `${entry.repository}: ${entry.script} is missing`);
  });

  it('runs the echo backend for the project echo image and upstream conformance echo image alike', () => {
    const scriptOf = (repository: string) => PROJECT_IMAGES.find((entry) => entry.repository === repository)?.script;
    assert.match(scriptOf('gateway-gauntlet/echo') ?? '', /reference-impl\/echo\/main\.ts$/);
    assert.equal(scriptOf('gcr.io/k8s-staging-gateway-api/echo-basic'), scriptOf('gateway-gauntlet/echo'));
    assert.match(scriptOf('gateway-gauntlet/proxy') ?? '', /reference-impl\/proxy\/main\.ts$/);
    assert.match(scriptOf('gateway-gauntlet/controller') ?? '', /reference-impl\/controller\/main\.ts$/);
  });
});
