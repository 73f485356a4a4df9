// Secrets in golden cases. A case may write a Secret's `stringData` (readable PEMs); the API server stores it
// as base64 `data`, and so does this. The TLS Secrets upstream's conformance setup creates (which a run
// generates per cluster and the base fixture's HTTPS Gateway names) are stood in for by one fixed test key
// pair (test/fixtures/tls/, valid until 2126, worthless outside tests), and the CA ConfigMaps it creates by
// ConfigMaps holding that certificate as ca.crt, so every scenario's golden output is the same on every machine and
// shows policies and client validation resolving their CAs; a case bringing an object of the same name keeps its own.
// The security scenarios' flawed certificates (FLAWED_CERTIFICATES) have no stand-in: a fixed key pair cannot be
// expired at the golden clock, so their listeners read as naming a Secret that does not exist; the translator's
// unit tests judge expiry and mismatched keys.
import { readFileSync } from 'node:fs';
import type { KubeObject } from '@gauntlet/local-cluster';
import { CONFORMANCE_CERTIFICATES } from '../../../../harness/run/conformance-certificates/certificate-plan.ts';

const FIXTURES = new URL('../../../fixtures/tls/', import.meta.url);
export const GOLDEN_CERTIFICATE_PEM = readFileSync(new URL('golden-certificate.pem', FIXTURES), 'utf8');
export const GOLDEN_PRIVATE_KEY_PEM = readFileSync(new URL('golden-private-key.pem', FIXTURES), 'utf8');

/** A Secret as stored: `stringData` merged into base64 `data`, as the API server does on write. */
export function storedSecret(object: KubeObject): KubeObject {
  const { stringData, ...rest } = object as KubeObject & { stringData?: Record<string, string>; data?: Record<string, string> };
  if (stringData === undefined) return object;
  const encoded = Object.fromEntries(Object.entries(stringData).map(([key, value]) => [key, Buffer.from(value).toString('base64')]));
  return { ...rest, data: { ...(rest.data ?? {}), ...encoded } } as KubeObject;
}

/** The conformance certificate Secrets and CA ConfigMaps the case does not bring itself, each holding the fixed test key pair. */
export function conformanceSecretStandIns(present: KubeObject[]): KubeObject[] {
  return [...secretStandIns(present), ...caConfigMapStandIns(present)];
}

const presentNames = (present: KubeObject[], kind: string) =>
  new Set(present.filter((object) => object.kind === kind).map((object) => `${object.metadata.namespace ?? ''}/${object.metadata.name}`));

function caConfigMapStandIns(present: KubeObject[]): KubeObject[] {
  const brought = presentNames(present, 'ConfigMap');
  return CONFORMANCE_CERTIFICATES.flatMap((group) => (group.kind === 'ca' ? [group.configMap] : []))
    .filter((name) => !brought.has(`${name.namespace}/${name.name}`))
    .map((name) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: name.name, namespace: name.namespace }, data: { 'ca.crt': GOLDEN_CERTIFICATE_PEM } }));
}

function secretStandIns(present: KubeObject[]): KubeObject[] {
  const names = CONFORMANCE_CERTIFICATES.flatMap((group) => (group.kind === 'self-signed' ? [group.secret] : group.signs));
  const brought = presentNames(present, 'Secret');
  return names
    .filter((name) => !brought.has(`${name.namespace}/${name.name}`))
    .map((name) => ({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: name.name, namespace: name.namespace },
      type: 'kubernetes.io/tls',
      data: { 'tls.crt': Buffer.from(GOLDEN_CERTIFICATE_PEM).toString('base64'), 'tls.key': Buffer.from(GOLDEN_PRIVATE_KEY_PEM).toString('base64') },
    }));
}
