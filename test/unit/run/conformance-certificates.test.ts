// The certificates the base fixture adds for upstream's manifests: the objects upstream's conformance setup
// creates (names, namespaces, host names), CA-signed where upstream signs them, and kept when they exist.
import assert from 'node:assert/strict';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import type { ObjectRef } from '../../../harness/kube/kube-client.ts';
import type { KubeManifest } from '../../../harness/kube/manifest.ts';
import { CONFORMANCE_CERTIFICATES } from '../../../harness/run/conformance-certificates/certificate-plan.ts';
import { conformanceCertificates, describeCertificates } from '../../../harness/run/conformance-certificates/conformance-certificates.ts';
import { isDnsName, subjectAltNames } from '../../../harness/run/conformance-certificates/subject-alt-names.ts';

const nothingExists = { read: async (_ref: ObjectRef) => undefined };

describe('conformance certificates for upstream manifests', function () {
  this.timeout(30_000);
  let objects: KubeManifest[];
  const byName = (kind: string, namespace: string, name: string) => {
    const found = objects.find((o) => o.kind === kind && o.metadata.namespace === namespace && o.metadata.name === name);
    assert.ok(found, `${kind} ${namespace}/${name} is generated`);
    return found;
  };
  const certificateOf = (namespace: string, name: string) => {
    const data = byName('Secret', namespace, name).data as Record<string, string>;
    return {
      certificate: new X509Certificate(Buffer.from(data['tls.crt'] ?? '', 'base64')),
      keyPem: Buffer.from(data['tls.key'] ?? '', 'base64').toString(),
    };
  };
  const caOf = (namespace: string, name: string) => {
    const data = byName('ConfigMap', namespace, name).data as Record<string, string>;
    return { certificate: new X509Certificate(data['ca.crt'] ?? ''), keyPem: data['key.crt'] ?? '' };
  };

  before(async () => {
    const generated = await conformanceCertificates(nothingExists);
    objects = generated.manifests.map((manifest) => manifest.object);
    assert.equal(describeCertificates(generated), "conformance certificates (Secrets and CA ConfigMaps upstream's manifests name, and the security scenarios' flawed ones): 16 generated");
  });

  it("generates every Secret and ConfigMap upstream's setup creates, in its namespaces", () => {
    const names = objects.map((o) => `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`).sort();
    assert.deepEqual(names, [
      'ConfigMap gateway-conformance-infra/mismatch-ca-certificate',
      'ConfigMap gateway-conformance-infra/tls-checks-ca-certificate',
      'ConfigMap gateway-conformance-infra/tls-validity-checks-ca-certificate',
      'ConfigMap gateway-conformance-infra/tls-validity-checks-per-port-ca-certificate',
      'ConfigMap gateway-conformance-web-backend/web-backend-cm',
      'Secret gateway-conformance-app-backend/tls-passthrough-checks-certificate',
      'Secret gateway-conformance-infra/gauntlet-expired-certificate',
      'Secret gateway-conformance-infra/gauntlet-mismatched-key-certificate',
      'Secret gateway-conformance-infra/tls-checks-certificate',
      'Secret gateway-conformance-infra/tls-checks-client-certificate',
      'Secret gateway-conformance-infra/tls-passthrough-checks-certificate',
      'Secret gateway-conformance-infra/tls-terminate-checks-certificate',
      'Secret gateway-conformance-infra/tls-validity-checks-certificate',
      'Secret gateway-conformance-infra/tls-validity-checks-client-certificate',
      'Secret gateway-conformance-infra/tls-validity-checks-per-port-client-certificate',
      'Secret gateway-conformance-web-backend/certificate',
    ]);
    for (const secret of objects.filter((o) => o.kind === 'Secret')) assert.equal(secret.type, 'kubernetes.io/tls');
  });

  it('serves the tls-backend host names from a certificate the tls-checks CA signed, with a matching RSA key', () => {
    const ca = caOf('gateway-conformance-infra', 'tls-checks-ca-certificate');
    assert.ok(ca.certificate.ca);
    assert.match(ca.keyPem, /^-----BEGIN RSA PRIVATE KEY-----/);
    const served = certificateOf('gateway-conformance-infra', 'tls-checks-certificate');
    assert.equal(served.certificate.subjectAltName, 'DNS:abc.example.com, URI:spiffe://abc.example.com/test-identity, DNS:other.example.com');
    assert.ok(served.certificate.verify(ca.certificate.publicKey), 'signed by the tls-checks CA');
    assert.ok(served.certificate.checkPrivateKey(createPrivateKey(served.keyPem)));
    assert.match(served.keyPem, /^-----BEGIN RSA PRIVATE KEY-----/);
    assert.equal(served.certificate.publicKey.asymmetricKeyDetails?.modulusLength, 2048);
    assert.deepEqual(served.certificate.keyUsage, ['1.3.6.1.5.5.7.3.1'], 'serverAuth');
    for (const namespace of ['gateway-conformance-infra', 'gateway-conformance-app-backend']) {
      const passthrough = certificateOf(namespace, 'tls-passthrough-checks-certificate').certificate;
      assert.equal(passthrough.subjectAltName, 'DNS:abc.example.com');
      assert.ok(passthrough.verify(ca.certificate.publicKey));
    }
    assert.ok(!served.certificate.verify(caOf('gateway-conformance-infra', 'mismatch-ca-certificate').certificate.publicKey), 'the mismatch CA signed nothing');
  });

  it('signs client certificates (clientAuth, no names) with the CA of their validation', () => {
    for (const [caName, clientName] of [
      ['tls-validity-checks-ca-certificate', 'tls-validity-checks-client-certificate'],
      ['tls-validity-checks-per-port-ca-certificate', 'tls-validity-checks-per-port-client-certificate'],
      ['tls-checks-ca-certificate', 'tls-checks-client-certificate'],
    ] as const) {
      const client = certificateOf('gateway-conformance-infra', clientName).certificate;
      assert.deepEqual(client.keyUsage, ['1.3.6.1.5.5.7.3.2'], `${clientName}: clientAuth`);
      assert.equal(client.subjectAltName, undefined);
      assert.ok(client.verify(caOf('gateway-conformance-infra', caName).certificate.publicKey), `${clientName} signed by ${caName}`);
    }
  });

  it('self-signs the Gateway certificates, "*" as a URI name as upstream does', () => {
    const validity = certificateOf('gateway-conformance-infra', 'tls-validity-checks-certificate').certificate;
    assert.equal(validity.subjectAltName, 'URI:*, DNS:*.org, DNS:*.wildcard.org');
    assert.ok(validity.verify(validity.publicKey));
    assert.equal(certificateOf('gateway-conformance-web-backend', 'certificate').certificate.subjectAltName, 'URI:*');
  });

  it('keeps groups whose objects all exist and regenerates a group missing any', async () => {
    const present = new Set(objects.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`));
    present.delete('Secret/gateway-conformance-infra/tls-terminate-checks-certificate');
    const cluster = { read: async (ref: ObjectRef) => (present.has(`${ref.kind}/${ref.namespace}/${ref.name}`) ? { apiVersion: 'v1', kind: ref.kind } : undefined) };
    const second = await conformanceCertificates(cluster);
    const regenerated = second.manifests.map((m) => `${m.object.kind} ${m.object.metadata.name}`).sort();
    assert.deepEqual(regenerated, [
      'ConfigMap tls-checks-ca-certificate',
      'Secret tls-checks-certificate',
      'Secret tls-checks-client-certificate',
      'Secret tls-passthrough-checks-certificate',
      'Secret tls-passthrough-checks-certificate',
      'Secret tls-terminate-checks-certificate',
    ]);
    assert.equal(second.kept, 16 - 6);
    assert.match(describeCertificates(second), /6 generated, 10 kept from an earlier start$/);
  });

  it('makes the flawed serving certificates unusable as named: one expired, one whose key is another certificate’s', () => {
    const expired = certificateOf('gateway-conformance-infra', 'gauntlet-expired-certificate');
    assert.ok(expired.certificate.validToDate.getTime() < Date.now(), `expired at ${expired.certificate.validTo}`);
    assert.ok(expired.certificate.checkPrivateKey(createPrivateKey(expired.keyPem)), 'the expired one has its own key');
    const mismatched = certificateOf('gateway-conformance-infra', 'gauntlet-mismatched-key-certificate');
    assert.ok(mismatched.certificate.validToDate.getTime() > Date.now());
    assert.equal(mismatched.certificate.checkPrivateKey(createPrivateKey(mismatched.keyPem)), false);
    assert.match(mismatched.certificate.subjectAltName ?? '', /DNS:mismatched\.example\.com/);
  });

  it('sorts host names into IP, DNS and URI names', () => {
    assert.deepEqual(subjectAltNames(['10.0.0.1', '::1', 'a.example.com', '*.example.com', '*', 'spiffe://x/y', 'Upper.example.com']), [
      { type: 7, ip: '10.0.0.1' },
      { type: 7, ip: '::1' },
      { type: 2, value: 'a.example.com' },
      { type: 2, value: '*.example.com' },
      { type: 6, value: '*' },
      { type: 6, value: 'spiffe://x/y' },
      { type: 6, value: 'Upper.example.com' },
    ]);
    assert.equal(isDnsName(`${'a'.repeat(64)}.com`), false);
    assert.equal(isDnsName('*.*.example.com'), false);
    assert.equal(CONFORMANCE_CERTIFICATES.length, 7);
  });
});
