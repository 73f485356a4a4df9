// The golden form of one translation: every Gateway's IR, the infrastructure intents and every status update,
// as YAML in a fixed order (Gateways and objects by namespace/name; statuses GatewayClass, Gateway, then
// routes), with long lines kept whole and no YAML anchors, so a change reads as a plain diff. PEMs in the IR
// are written as a digest: which key pair is served shows, without a screenful of base64 per certificate.
import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import type { TranslationResult } from '../../../../reference-impl/controller/translator/translation-result.ts';
import type { GatewayIR, TlsCertificateIR } from '../../../../reference-impl/ir/gateway-ir.ts';
import { compareText } from './golden-cluster.ts';

const KIND_ORDER = ['GatewayClass', 'Gateway'];

export function renderTranslation(label: string, result: TranslationResult): string {
  const statuses = [...result.statuses].sort(
    (a, b) => kindRank(a.kind) - kindRank(b.kind) || compareText(a.kind, b.kind) || compareText(`${a.namespace ?? ''}/${a.name}`, `${b.namespace ?? ''}/${b.name}`),
  );
  const document = {
    state: label,
    gateways: Object.fromEntries([...result.gateways].sort(([a], [b]) => compareText(a, b)).map(([key, ir]) => [key, withPemDigests(ir)])),
    infra: [...result.infra].sort((a, b) => compareText(`${a.gateway.namespace}/${a.gateway.name}`, `${b.gateway.namespace}/${b.gateway.name}`)),
    statuses,
  };
  return stringify(document, { lineWidth: 0, aliasDuplicateObjects: false });
}

/** One file: a header naming where it comes from and how to regenerate it, then one document per state. */
export function renderGoldenFile(source: string, documents: string[]): string {
  const header = [
    `# Translator golden output for ${source}: generated, do not edit.`,
    '# After an intended change: GAUNTLET_UPDATE_GOLDEN=1 npm run test:unit, then review the diff.',
  ];
  return `${header.join('\n')}\n${documents.map((document) => `---\n${document}`).join('')}`;
}

function withPemDigests(ir: GatewayIR): GatewayIR {
  const digest = (pem: string) => `PEM sha256:${createHash('sha256').update(pem).digest('hex').slice(0, 16)}`;
  const digested = (certificates: TlsCertificateIR[]) =>
    certificates.map((certificate) => ({ ...certificate, certificateChain: digest(certificate.certificateChain), privateKey: digest(certificate.privateKey) }));
  return {
    ...ir,
    listeners: ir.listeners.map((listener) => ({
      ...listener,
      ...(listener.tls === undefined ? {} : { tls: { ...listener.tls, serverNames: listener.tls.serverNames.map((serverName) => ({ ...serverName, certificates: digested(serverName.certificates) })) } }),
      ...(listener.tlsListeners === undefined
        ? {}
        : { tlsListeners: listener.tlsListeners.map((tls) => (tls.certificates === undefined ? tls : { ...tls, certificates: digested(tls.certificates) })) }),
    })),
  };
}

function kindRank(kind: string): number {
  const rank = KIND_ORDER.indexOf(kind);
  return rank === -1 ? KIND_ORDER.length : rank;
}
