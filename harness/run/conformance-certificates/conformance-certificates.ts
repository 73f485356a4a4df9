// The certificates upstream's conformance manifests name (certificate-plan.ts), and the flawed ones of the
// security scenarios, for the base fixture: a group
// whose objects all exist already is kept (pods read their certificates when they start, so replacing them
// under a running backend would make it serve another certificate than its Secret holds), any other group is
// generated afresh. Certificates are never committed: each cluster gets its own.
import { fileURLToPath } from 'node:url';
import type { KubeClient } from '../../kube/kube-client.ts';
import type { LocatedManifest } from '../../kube/manifest.ts';
import { generateGroupObjects, groupObjectNames } from './certificate-objects.ts';
import { type CertificateGroup, FIXTURE_CERTIFICATES } from './certificate-plan.ts';

export interface ConformanceCertificates {
  /** The objects to apply: those of every group generated. */
  manifests: LocatedManifest[];
  generated: number;
  kept: number;
}

/** Where generated objects come from, for error messages about them. */
const PLAN_SOURCE = { file: fileURLToPath(new URL('./certificate-plan.ts', import.meta.url)), line: 1 };

export async function conformanceCertificates(
  kube: Pick<KubeClient, 'read'>,
  plan: readonly CertificateGroup[] = FIXTURE_CERTIFICATES,
): Promise<ConformanceCertificates> {
  const outcomes = await Promise.all(
    plan.map(async (group) => {
      const names = groupObjectNames(group);
      const found = await Promise.all(names.map(({ kind, name }) => kube.read({ apiVersion: 'v1', kind, ...name })));
      if (found.every((object) => object !== undefined)) return { kept: names.length, manifests: [] };
      return { kept: 0, manifests: await generateGroupObjects(group) };
    }),
  );
  const manifests = outcomes.flatMap((outcome) => outcome.manifests.map((object) => ({ object, source: PLAN_SOURCE })));
  return { manifests, generated: manifests.length, kept: outcomes.reduce((sum, outcome) => sum + outcome.kept, 0) };
}

export function describeCertificates(certificates: ConformanceCertificates): string {
  const parts = [
    ...(certificates.generated > 0 ? [`${certificates.generated} generated`] : []),
    ...(certificates.kept > 0 ? [`${certificates.kept} kept from an earlier start`] : []),
  ];
  return `conformance certificates (Secrets and CA ConfigMaps upstream's manifests name, and the security scenarios' flawed ones): ${parts.join(', ')}`;
}
