// The CNI manifest a kind node image carries (/kind/manifests/default-cni.yaml, kindnet), prepared as kind
// prepares it: its pod subnet filled in where the file asks to be templated, and the API server's in-network
// endpoint given to the DaemonSet where it asks to be patched (kindnet then needs no kube-proxy to start).
import { parseAllDocuments, stringify } from 'yaml';

const TEMPLATE_MARKER = 'would you kindly template this file';
const PATCH_MARKER = 'would you kindly patch this file';

interface DaemonSetShape {
  kind?: string;
  spec?: { template?: { spec?: { containers?: { env?: { name: string; value?: string }[] }[] } } };
}

export function prepareCniManifest(manifest: string, options: { podSubnet: string; controlPlaneEndpoint: string }): string {
  let text = manifest;
  if (text.includes(TEMPLATE_MARKER)) text = text.replaceAll(/\{\{\s*\.PodSubnet\s*\}\}/g, options.podSubnet);
  if (!text.includes(PATCH_MARKER)) return text;
  const documents = parseAllDocuments(text).map((document) => document.toJS() as DaemonSetShape | null);
  for (const document of documents) {
    const container = document?.kind === 'DaemonSet' ? document.spec?.template?.spec?.containers?.[0] : undefined;
    if (container) container.env = [...(container.env ?? []), { name: 'CONTROL_PLANE_ENDPOINT', value: options.controlPlaneEndpoint }];
  }
  return documents
    .filter((document) => document !== null)
    .map((document) => stringify(document, { lineWidth: 0 }))
    .join('---\n');
}
