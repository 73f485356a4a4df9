// Mocha global setup: the Gateway API CRD bundles (both channels) are found or downloaded once, before any test,
// from where a run takes them (GAUNTLET_GATEWAY_API_CRDS, else the cache, else the release). Offline with
// neither, the whole test run stops here with the error that names the variable.
import { resolveGatewayApiCrds } from '../../harness/kube/gateway-api-crds.ts';

export async function mochaGlobalSetup(): Promise<void> {
  await resolveGatewayApiCrds({ channel: 'standard' });
  await resolveGatewayApiCrds({ channel: 'experimental' });
}
