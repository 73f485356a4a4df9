// The TLS objects upstream's conformance suite (v1.6.1, conformance/utils/suite/suite.go) creates once its base
// manifests are applied, which those manifests and the tests' Gateways, backends and BackendTLSPolicies name:
// self-signed serving certificates, and CAs (a ConfigMap holding the CA certificate and key) with the
// certificates each signs. Names, namespaces and host names are upstream's; the PEMs are generated per cluster.

export const INFRA_NAMESPACE = 'gateway-conformance-infra';
export const APP_BACKEND_NAMESPACE = 'gateway-conformance-app-backend';
export const WEB_BACKEND_NAMESPACE = 'gateway-conformance-web-backend';

export interface ObjectName {
  namespace: string;
  name: string;
}

/**
 * A kubernetes.io/tls Secret: a serving certificate for `hosts`, or a client certificate (no host names). A
 * `flaw` makes it unusable on purpose, for the security scenarios: `expired` (its validity ended yesterday),
 * `key-of-another-certificate` (tls.key belongs to a second certificate generated alongside).
 */
export type CertificateSecret = ObjectName & ({ usage: 'server'; hosts: readonly string[]; flaw?: CertificateFlaw } | { usage: 'client' });
export type CertificateFlaw = 'expired' | 'key-of-another-certificate';

/** Objects generated together: they must match each other (a CA and what it signed), so they are kept or replaced together. */
export type CertificateGroup =
  | { kind: 'self-signed'; secret: CertificateSecret & { usage: 'server' } }
  | { kind: 'ca'; configMap: ObjectName; signs: readonly CertificateSecret[] };

const infra = (name: string): ObjectName => ({ namespace: INFRA_NAMESPACE, name });

export const CONFORMANCE_CERTIFICATES: readonly CertificateGroup[] = [
  { kind: 'self-signed', secret: { namespace: WEB_BACKEND_NAMESPACE, name: 'certificate', usage: 'server', hosts: ['*'] } },
  { kind: 'self-signed', secret: { ...infra('tls-validity-checks-certificate'), usage: 'server', hosts: ['*', '*.org', '*.wildcard.org'] } },
  { kind: 'ca', configMap: { namespace: WEB_BACKEND_NAMESPACE, name: 'web-backend-cm' }, signs: [] },
  // Client certificate validation (frontend TLS), one CA per Gateway-wide and per-port configuration.
  { kind: 'ca', configMap: infra('tls-validity-checks-ca-certificate'), signs: [{ ...infra('tls-validity-checks-client-certificate'), usage: 'client' }] },
  {
    kind: 'ca',
    configMap: infra('tls-validity-checks-per-port-ca-certificate'),
    signs: [{ ...infra('tls-validity-checks-per-port-client-certificate'), usage: 'client' }],
  },
  // Backend TLS: the tls-backend pods serve tls-checks-certificate; tcp-backend and the app-backend tls-backend
  // serve tls-passthrough-checks-certificate; TLSRoute termination uses tls-terminate-checks-certificate.
  {
    kind: 'ca',
    configMap: infra('tls-checks-ca-certificate'),
    signs: [
      { ...infra('tls-checks-certificate'), usage: 'server', hosts: ['abc.example.com', 'spiffe://abc.example.com/test-identity', 'other.example.com'] },
      { ...infra('tls-checks-client-certificate'), usage: 'client' },
      { ...infra('tls-passthrough-checks-certificate'), usage: 'server', hosts: ['abc.example.com'] },
      { namespace: APP_BACKEND_NAMESPACE, name: 'tls-passthrough-checks-certificate', usage: 'server', hosts: ['abc.example.com'] },
      { ...infra('tls-terminate-checks-certificate'), usage: 'server', hosts: ['tls.example.com'] },
    ],
  },
  // A CA that signed nothing: BackendTLSPolicy tests name it to make validation fail on purpose.
  { kind: 'ca', configMap: infra('mismatch-ca-certificate'), signs: [] },
];

/**
 * The project's own, not upstream's: unusable serving certificates the security scenarios name (bad input must
 * give its listener a condition with a reason while every other listener keeps serving). Generated like the rest,
 * so no certificate, flawed or not, is ever committed.
 */
export const FLAWED_CERTIFICATES: readonly CertificateGroup[] = [
  { kind: 'self-signed', secret: { ...infra('gauntlet-expired-certificate'), usage: 'server', hosts: ['expired.example.com'], flaw: 'expired' } },
  {
    kind: 'self-signed',
    secret: { ...infra('gauntlet-mismatched-key-certificate'), usage: 'server', hosts: ['mismatched.example.com'], flaw: 'key-of-another-certificate' },
  },
];

/** What the base fixture generates: upstream's certificates and the flawed ones. */
export const FIXTURE_CERTIFICATES: readonly CertificateGroup[] = [...CONFORMANCE_CERTIFICATES, ...FLAWED_CERTIFICATES];
