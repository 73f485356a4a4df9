// HTTPS listeners: certificateRefs resolved to key pairs (same namespace, or another one a ReferenceGrant
// opens), the ResolvedRefs reasons for each way a ref can fail, what a failure does to the listener and the
// Gateway, and the IR's TLS termination per port.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import type { ListenerSpec, ReferenceGrantObject, SecretObject } from '../../../reference-impl/controller/translator/snapshot.ts';
import { translate } from '../../../reference-impl/controller/translator/translate.ts';
import { CONTROLLER, gateway, gatewayStatusOf, httpListener, listenerStatus, namespace, snapshot, summary } from './fixtures.ts';
import { GOLDEN_CERTIFICATE_PEM, GOLDEN_PRIVATE_KEY_PEM } from './golden/golden-secrets.ts';

const base64 = (text: string) => Buffer.from(text).toString('base64');

function tlsSecret(name: string, namespaceName = 'infra', data = { 'tls.crt': base64(GOLDEN_CERTIFICATE_PEM), 'tls.key': base64(GOLDEN_PRIVATE_KEY_PEM) }, type = 'kubernetes.io/tls'): SecretObject {
  return { metadata: { name, namespace: namespaceName }, type, data };
}

function httpsListener(name: string, refs: NonNullable<ListenerSpec['tls']>['certificateRefs'], overrides: Partial<ListenerSpec> = {}): ListenerSpec {
  return { name, port: 443, protocol: 'HTTPS', tls: { mode: 'Terminate', certificateRefs: refs }, ...overrides };
}

function secretGrant(inNamespace: string, options: { fromKind?: string; fromNamespace?: string; toName?: string } = {}): ReferenceGrantObject {
  return {
    metadata: { name: 'allow-gateways', namespace: inNamespace },
    spec: {
      from: [{ group: 'gateway.networking.k8s.io', kind: options.fromKind ?? 'Gateway', namespace: options.fromNamespace ?? 'infra' }],
      to: [{ group: '', kind: 'Secret', ...(options.toName ? { name: options.toName } : {}) }],
    },
  };
}

function translateListeners(listeners: ListenerSpec[], parts: { secrets?: SecretObject[]; referenceGrants?: ReferenceGrantObject[] } = {}) {
  return translate(snapshot({ gateways: [gateway('gw', listeners)], namespaces: [namespace('infra'), namespace('certs')], ...parts }), { controllerName: CONTROLLER });
}

const httpsConditions = (result: ReturnType<typeof translate>, name = 'https') => summary(listenerStatus(result, 'gw', name).conditions);

describe('translator: HTTPS listener certificates', () => {
  it('serves an HTTPS listener with the key pair of a Secret in its namespace, and HTTPRoute as its kind', () => {
    const result = translateListeners([httpsListener('https', [{ name: 'cert' }])], { secrets: [tlsSecret('cert')] });
    assert.deepEqual(httpsConditions(result), { Accepted: 'True/Accepted', Programmed: 'False/Pending', ResolvedRefs: 'True/ResolvedRefs', Conflicted: 'False/NoConflicts' });
    assert.deepEqual(
      listenerStatus(result, 'gw', 'https').supportedKinds.map((kind) => kind.kind),
      ['HTTPRoute', 'GRPCRoute'],
    );
    const [port] = result.gateways.get('infra/gw')?.listeners ?? [];
    assert.equal(port?.protocol, 'HTTPS');
    assert.deepEqual(port?.tls, {
      serverNames: [{ hostname: '*', listener: 'https', certificates: [{ name: 'infra/cert', certificateChain: GOLDEN_CERTIFICATE_PEM, privateKey: GOLDEN_PRIVATE_KEY_PEM }] }],
    });
  });

  it('needs a ReferenceGrant for a Secret in another namespace: RefNotPermitted without one, resolved with one', () => {
    const listeners = [httpsListener('https', [{ name: 'cert', namespace: 'certs' }])];
    const secrets = [tlsSecret('cert', 'certs')];
    const refused = translateListeners(listeners, { secrets });
    assert.equal(httpsConditions(refused).ResolvedRefs, 'False/RefNotPermitted');
    assert.match(listenerStatus(refused, 'gw', 'https').conditions.find((c) => c.type === 'ResolvedRefs')?.message ?? '', /no ReferenceGrant in certs allows Gateways of infra/);
    assert.equal(httpsConditions(translateListeners(listeners, { secrets, referenceGrants: [secretGrant('certs', { toName: 'cert' })] })).ResolvedRefs, 'True/ResolvedRefs');
    assert.equal(httpsConditions(translateListeners(listeners, { secrets, referenceGrants: [secretGrant('certs')] })).ResolvedRefs, 'True/ResolvedRefs', 'a grant to every Secret');
  });

  it('is not opened by a grant for another name, another referring kind or namespace, or one in the wrong namespace', () => {
    const listeners = [httpsListener('https', [{ name: 'cert', namespace: 'certs' }])];
    const secrets = [tlsSecret('cert', 'certs')];
    for (const grant of [
      secretGrant('certs', { toName: 'other' }),
      secretGrant('certs', { fromKind: 'HTTPRoute' }),
      secretGrant('certs', { fromNamespace: 'elsewhere' }),
      secretGrant('infra'),
    ]) {
      assert.equal(httpsConditions(translateListeners(listeners, { secrets, referenceGrants: [grant] })).ResolvedRefs, 'False/RefNotPermitted', JSON.stringify(grant));
    }
  });

  it('says InvalidCertificateRef for a missing Secret, another kind or group, another Secret type, and malformed contents', () => {
    const otherKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const cases: [string, NonNullable<ListenerSpec['tls']>['certificateRefs'], SecretObject[], RegExp][] = [
      ['missing', [{ name: 'absent' }], [], /Secret infra\/absent does not exist/],
      ['another kind', [{ kind: 'ConfigMap', name: 'cert' }], [tlsSecret('cert')], /names ConfigMap infra\/cert; only core Secrets/],
      ['another group', [{ group: 'wrong.example.com', kind: 'Secret', name: 'cert' }], [tlsSecret('cert')], /names wrong\.example\.com\/Secret infra\/cert/],
      ['Opaque', [{ name: 'cert' }], [tlsSecret('cert', 'infra', undefined, 'Opaque')], /Secret infra\/cert: its type Opaque is not kubernetes\.io\/tls/],
      ['not PEM', [{ name: 'cert' }], [tlsSecret('cert', 'infra', { 'tls.crt': base64('Hello world\n'), 'tls.key': base64('Hello world\n') })], /tls\.crt holds no PEM certificate/],
      ['no key', [{ name: 'cert' }], [tlsSecret('cert', 'infra', { 'tls.crt': base64(GOLDEN_CERTIFICATE_PEM), 'tls.key': '' })], /tls\.key is missing/],
      ['another key', [{ name: 'cert' }], [tlsSecret('cert', 'infra', { 'tls.crt': base64(GOLDEN_CERTIFICATE_PEM), 'tls.key': base64(otherKey) })], /tls\.key is not the private key of the certificate/],
    ];
    for (const [label, refs, secrets, message] of cases) {
      const result = translateListeners([httpsListener('https', refs)], { secrets });
      assert.deepEqual(httpsConditions(result), { Accepted: 'True/Accepted', Programmed: 'False/Invalid', ResolvedRefs: 'False/InvalidCertificateRef', Conflicted: 'False/NoConflicts' }, label);
      assert.match(listenerStatus(result, 'gw', 'https').conditions.find((c) => c.type === 'ResolvedRefs')?.message ?? '', message, label);
    }
  });

  it('judges validity dates against the snapshot clock: expired, or not valid yet, is InvalidCertificateRef; another listener keeps serving', () => {
    // The golden certificate is valid from 2026-01-01 to 2126-01-01.
    const listeners = [httpsListener('https', [{ name: 'cert' }]), httpListener('http')];
    const at = (now: string) => translate(snapshot({ now, gateways: [gateway('gw', listeners)], namespaces: [namespace('infra')], secrets: [tlsSecret('cert')] }), { controllerName: CONTROLLER });
    const message = (result: ReturnType<typeof translate>) => listenerStatus(result, 'gw', 'https').conditions.find((c) => c.type === 'ResolvedRefs')?.message ?? '';
    assert.equal(httpsConditions(at('2026-06-01T00:00:00Z')).ResolvedRefs, 'True/ResolvedRefs');
    const expired = at('2126-06-01T00:00:00Z');
    assert.equal(httpsConditions(expired).ResolvedRefs, 'False/InvalidCertificateRef');
    assert.match(message(expired), /expired at 2126-01-01T00:00:00\.000Z \(now 2126-06-01T00:00:00Z\); renew it/);
    assert.deepEqual(expired.gateways.get('infra/gw')?.listeners.map((listener) => listener.protocol), ['HTTP']);
    const early = at('2025-06-01T00:00:00Z');
    assert.equal(httpsConditions(early).ResolvedRefs, 'False/InvalidCertificateRef');
    assert.match(message(early), /not valid before 2026-01-01/);
  });

  it('never puts key material into a status: the private key, in PEM or base64, appears in no condition of any failure', () => {
    const otherKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const keyBody = (pem: string) => pem.split('\n').filter((line) => line !== '' && !line.startsWith('-----'));
    const secrets = [
      tlsSecret('mismatched', 'infra', { 'tls.crt': base64(GOLDEN_CERTIFICATE_PEM), 'tls.key': base64(otherKey) }),
      tlsSecret('garbled-key', 'infra', { 'tls.crt': base64(GOLDEN_CERTIFICATE_PEM), 'tls.key': base64(GOLDEN_PRIVATE_KEY_PEM.replace('A', '!')) }),
      tlsSecret('swapped', 'infra', { 'tls.crt': base64(GOLDEN_PRIVATE_KEY_PEM), 'tls.key': base64(GOLDEN_CERTIFICATE_PEM) }),
      tlsSecret('foreign', 'certs'),
    ];
    const listeners = secrets.map((secret, index) => httpsListener(`l${index}`, [{ name: secret.metadata.name, namespace: secret.metadata.namespace }], { port: 8443 + index }));
    const statuses = JSON.stringify(translateListeners(listeners, { secrets }).statuses);
    assert.match(statuses, /is not the private key of the certificate/);
    for (const secret of [...keyBody(otherKey), ...keyBody(GOLDEN_PRIVATE_KEY_PEM), base64(otherKey).slice(0, 40), base64(GOLDEN_PRIVATE_KEY_PEM).slice(0, 40)]) {
      assert.ok(!statuses.includes(secret), `a status quotes key material: ${secret.slice(0, 12)}...`);
    }
    assert.doesNotMatch(statuses, /PRIVATE KEY/);
  });

  it('checks permission before anything else: an unsupported kind in an unopened namespace is RefNotPermitted', () => {
    const result = translateListeners([httpsListener('https', [{ kind: 'ConfigMap', name: 'cert', namespace: 'certs' }])]);
    assert.equal(httpsConditions(result).ResolvedRefs, 'False/RefNotPermitted');
  });

  it('does not accept a Gateway whose only listener has no usable certificate, and serves the valid listeners of another', () => {
    const alone = translateListeners([httpsListener('https', [{ name: 'absent' }])]);
    assert.deepEqual(summary(gatewayStatusOf(alone, 'gw').conditions), { Accepted: 'False/ListenersNotValid', Programmed: 'False/Invalid' });
    assert.match(gatewayStatusOf(alone, 'gw').conditions[0]?.message ?? '', /https \(InvalidCertificateRef\)/);
    assert.equal(alone.gateways.size, 0);

    const mixed = translateListeners([httpsListener('https', [{ name: 'absent' }]), httpsListener('good', [{ name: 'cert' }], { port: 8443 }), httpListener('http')], { secrets: [tlsSecret('cert')] });
    assert.equal(summary(gatewayStatusOf(mixed, 'gw').conditions).Accepted, 'True/ListenersNotValid');
    assert.deepEqual(
      mixed.gateways.get('infra/gw')?.listeners.map((listener) => `${listener.port}/${listener.protocol}`),
      ['80/HTTP', '8443/HTTPS'],
    );
  });

  it('serves the refs that resolve when others do not, and still reports them', () => {
    const result = translateListeners([httpsListener('https', [{ name: 'absent' }, { name: 'cert' }])], { secrets: [tlsSecret('cert')] });
    assert.deepEqual(httpsConditions(result), { Accepted: 'True/Accepted', Programmed: 'False/Pending', ResolvedRefs: 'False/InvalidCertificateRef', Conflicted: 'False/NoConflicts' });
    assert.match(listenerStatus(result, 'gw', 'https').conditions.find((c) => c.type === 'ResolvedRefs')?.message ?? '', /certificateRefs\[0\] Secret infra\/absent/);
    assert.deepEqual(result.gateways.get('infra/gw')?.listeners[0]?.tls?.serverNames[0]?.certificates.map((certificate) => certificate.name), ['infra/cert']);
  });

  it('gives an HTTPS listener without certificateRefs InvalidCertificateRef', () => {
    const result = translateListeners([{ name: 'https', port: 443, protocol: 'HTTPS' }]);
    assert.equal(httpsConditions(result).ResolvedRefs, 'False/InvalidCertificateRef');
  });

  it('merges HTTPS listeners of one port into server names by hostname', () => {
    const refs = [{ name: 'cert' }];
    const result = translateListeners(
      [httpsListener('https', refs), httpsListener('exact', refs, { hostname: 'Second.example.org' }), httpsListener('wildcard', refs, { hostname: '*.wildcard.org' })],
      { secrets: [tlsSecret('cert')] },
    );
    const tls = result.gateways.get('infra/gw')?.listeners[0]?.tls;
    assert.deepEqual(
      tls?.serverNames.map((serverName) => `${serverName.hostname}=${serverName.listener}`),
      ['*=https', '*.wildcard.org=wildcard', 'second.example.org=exact'],
    );
  });

  it('refuses HTTP and HTTPS listeners on one port (ProtocolConflict on both)', () => {
    const result = translateListeners([httpsListener('https', [{ name: 'cert' }]), httpListener('plain', { port: 443 })], { secrets: [tlsSecret('cert')] });
    assert.equal(httpsConditions(result, 'plain').Conflicted, 'True/ProtocolConflict');
    assert.equal(httpsConditions(result, 'https').Conflicted, 'True/ProtocolConflict');
  });
});
