import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { referenceInstallManifest } from '../../../harness/run/project-paths.ts';
import { REFERENCE_CONTROLLER_NAME, REFERENCE_GATEWAY_CLASS } from '../../../harness/run/reference-class.ts';
import { DEFAULT_CONTROLLER_NAME } from '../../../reference-impl/controller/controller-settings.ts';

// The loader fills ${GATEWAY_CONTROLLER_NAME} from these constants without a cluster: they must name what
// the install manifest creates, or scenarios making their own GatewayClass would name no controller.
describe('the reference GatewayClass constants', () => {
  it('match the GatewayClass and controller the install manifest creates', () => {
    const objects = parseAllDocuments(readFileSync(referenceInstallManifest, 'utf8')).map((document) => document.toJS() as { kind?: string; metadata?: { name?: string }; spec?: { controllerName?: string } });
    const gatewayClass = objects.find((object) => object.kind === 'GatewayClass');
    assert.equal(gatewayClass?.metadata?.name, REFERENCE_GATEWAY_CLASS);
    assert.equal(gatewayClass?.spec?.controllerName, REFERENCE_CONTROLLER_NAME);
    assert.equal(DEFAULT_CONTROLLER_NAME, REFERENCE_CONTROLLER_NAME);
  });
});
