// The Gateway API CRDs of one channel as objects, read once from the bundle the test setup resolved
// (test/setup/gateway-api-crds.ts: the variable, the cache or a download).
import { readFileSync } from 'node:fs';
import type { KubeObject } from '@gauntlet/local-cluster';
import { parseAllDocuments } from 'yaml';
import { type GatewayApiChannel, locateGatewayApiCrds } from '../../harness/kube/gateway-api-crds.ts';

const byChannel = new Map<GatewayApiChannel, KubeObject[]>();

export function gatewayApiCrds(channel: GatewayApiChannel): KubeObject[] {
  const cached = byChannel.get(channel);
  if (cached !== undefined) return cached;
  const bundle = locateGatewayApiCrds({ channel });
  if (!bundle) throw new Error(`the Gateway API ${channel} CRD bundle is missing: run the tests through npm test (its setup fetches it)`);
  const crds = parseAllDocuments(readFileSync(bundle.path, 'utf8'))
    .map((document) => document.toJS() as KubeObject | null)
    .filter((document): document is KubeObject => document?.kind === 'CustomResourceDefinition');
  byChannel.set(channel, crds);
  return crds;
}
