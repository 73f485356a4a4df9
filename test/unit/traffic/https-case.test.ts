// https: requests from the harness: the SNI sent (by default the Host's name), the server certificate checked
// against a CA with Go's host name rules, HTTP/1.1 or h2 by ALPN, the tls expectation, and the CA read from a
// Secret or ConfigMap of the cluster.
import assert from 'node:assert/strict';
import type { RequestCase, SentRequestOf } from '../../../harness/scenario/scenario-types.ts';
import { runHttpsCase } from '../../../harness/traffic/https-case.ts';
import { sendHttpsRequest, serverNameOf } from '../../../harness/traffic/send-https-request.ts';
import { readCertificateAuthority } from '../../../harness/traffic/tls/read-certificate-authority.ts';
import { dnsNameMatches } from '../../../harness/traffic/tls/server-identity.ts';
import { type FakeTlsEcho, startFakeTlsEcho } from './fake-tls-echo.ts';

describe('https: requests', function () {
  this.timeout(10_000);
  let echo: FakeTlsEcho;
  before(async () => {
    echo = await startFakeTlsEcho(['*.org', 'exact.example.com']);
  });
  after(() => echo?.close());

  it('match certificate names as Go does: * stands for one whole first label, *.org included', () => {
    assert.ok(dnsNameMatches('*.org', 'example.org'));
    assert.ok(dnsNameMatches('*.wildcard.org', 'Third.Wildcard.org.'));
    assert.ok(!dnsNameMatches('*.org', 'a.example.org'));
    assert.ok(!dnsNameMatches('*.org', 'org'));
    assert.ok(!dnsNameMatches('a*.org', 'ab.org'));
    assert.ok(dnsNameMatches('exact.example.com', 'EXACT.example.com'));
  });

  it('send the Host without its port as SNI, none for an address or when told, and verify the server with the CA', async () => {
    assert.equal(serverNameOf({ host: 'example.org:8443' }), 'example.org');
    assert.equal(serverNameOf({ host: '127.0.0.1:443' }), undefined);
    assert.equal(serverNameOf({ host: '[::1]:443' }), undefined);
    assert.equal(serverNameOf({ host: 'example.org', serverName: '' }), undefined);
    assert.equal(serverNameOf({ host: 'example.org', serverName: 'other.org' }), 'other.org');

    const answer = await sendHttpsRequest(echo.target, { host: 'example.org:443', path: '/x', ca: echo.caPem });
    assert.equal(answer.status, 200);
    assert.equal(answer.echo?.pod, 'tls-echo');
    assert.equal(answer.echo?.host, 'example.org:443');
    assert.equal(answer.tls.alpn, 'http/1.1');
    assert.equal(echo.serverNames.at(-1), 'example.org');
  });

  it('speak h2 when the server picks it from the offer', async () => {
    const answer = await sendHttpsRequest(echo.target, { host: 'example.org', path: '/h2', ca: echo.caPem, alpn: ['h2', 'http/1.1'] });
    assert.equal(answer.tls.alpn, 'h2');
    assert.equal(answer.echo?.proto, 'HTTP/2.0');
    assert.equal(answer.echo?.host, 'example.org');
  });

  it('keep repeated response header lines apart over h2 and HTTP/1.1 alike', async () => {
    for (const alpn of [['h2'], ['http/1.1']]) {
      const answer = await sendHttpsRequest(echo.target, { host: 'example.org', path: '/lines', ca: echo.caPem, alpn });
      assert.equal(answer.tls.alpn, alpn[0]);
      assert.deepEqual(answer.headers['x-header-add'], ['a', 'b'], alpn[0]);
      assert.equal(answer.headers[':status'], undefined, 'pseudo-headers are not response headers');
    }
  });

  it('fail on a certificate the CA did not sign or that does not name the SNI, and take any without a CA', async () => {
    const other = await startFakeTlsEcho(['example.org']);
    try {
      await assert.rejects(sendHttpsRequest(echo.target, { host: 'example.org', path: '/', ca: other.caPem }), /TLS handshake .* failed: .*certificate/);
      await assert.rejects(sendHttpsRequest(echo.target, { host: 'example.net', path: '/', ca: echo.caPem }), /not valid for example\.net \(its subjectAltNames: DNS:\*\.org, DNS:exact\.example\.com\)/);
      assert.equal((await sendHttpsRequest(echo.target, { host: 'example.net', path: '/' })).status, 200);
    } finally {
      await other.close();
    }
  });

  it('run a case with the CA read through the dependency, and judge the ALPN the server chose', async () => {
    const requestCase = (alpn: string[]): RequestCase<SentRequestOf<'https'>> => ({
      name: 'case',
      gateway: { namespace: 'ns', name: 'gw' },
      port: 443,
      request: { protocol: 'https', host: 'exact.example.com', path: '/', method: 'GET', alpn, ca: { kind: 'Secret', namespace: 'ns', name: 'ca' } },
      expect: { response: { statuses: [200], headers: {}, absentHeaders: [] }, backend: { name: 'tls-echo' }, mirroredTo: [], tls: { alpn: 'h2' } },
      samples: 500,
      source: { file: 'scenario.yaml', line: 3 },
    });
    const read: string[] = [];
    const readCertificateAuthority = async (source: { name: string }) => {
      read.push(source.name);
      return echo.caPem;
    };
    const deps = { trafficMs: 1500, readCertificateAuthority };
    const passing = await runHttpsCase(echo.target, requestCase(['h2']), deps);
    assert.equal(passing.satisfied, true, JSON.stringify(passing.mismatches));
    assert.deepEqual(read, ['ca'], 'the CA is read once per case');
    const failing = await runHttpsCase(echo.target, requestCase(['http/1.1']), deps);
    assert.equal(failing.satisfied, false);
    assert.match(failing.mismatches[0]?.text ?? '', /tls alpn: expected h2, got http\/1\.1/);
  });

  it('judge the certificate the server presented by exactly its DNS names, in any order', async () => {
    const requestCase = (dnsNames: string[]): RequestCase<SentRequestOf<'https'>> => ({
      name: 'case',
      gateway: { namespace: 'ns', name: 'gw' },
      port: 443,
      request: { protocol: 'https', host: 'exact.example.com', path: '/', method: 'GET', alpn: ['http/1.1'] },
      expect: { response: { statuses: [200], headers: {}, absentHeaders: [] }, mirroredTo: [], tls: { certificate: { dnsNames } } },
      samples: 500,
      source: { file: 'scenario.yaml', line: 3 },
    });
    const passing = await runHttpsCase(echo.target, requestCase(['EXACT.example.com', '*.org']), { trafficMs: 1500 });
    assert.equal(passing.satisfied, true, JSON.stringify(passing.mismatches));
    const failing = await runHttpsCase(echo.target, requestCase(['exact.example.com']), { trafficMs: 300 });
    assert.match(failing.mismatches[0]?.text ?? '', /tls certificate: expected DNS names exact.example.com, got \*\.org, exact.example.com/);
  });
});

describe('readCertificateAuthority', () => {
  const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
  const b64 = (text: string) => Buffer.from(text).toString('base64');
  const cluster = (objects: Record<string, { data?: Record<string, string> }>) => ({
    read: async (ref: { kind: string; namespace?: string; name: string }) => objects[`${ref.kind} ${ref.namespace}/${ref.name}`] as never,
  });

  it("reads a Secret's ca.crt, else its tls.crt, a ConfigMap's ca.crt, or the key named", async () => {
    const kube = cluster({
      'Secret ns/self-signed': { data: { 'tls.crt': b64(pem), 'tls.key': b64('key') } },
      'Secret ns/with-ca': { data: { 'ca.crt': b64(pem), 'tls.crt': b64('not this') } },
      'ConfigMap ns/bundle': { data: { 'ca.crt': pem, 'other.pem': pem } },
    });
    assert.equal(await readCertificateAuthority(kube, { kind: 'Secret', namespace: 'ns', name: 'self-signed' }), pem);
    assert.equal(await readCertificateAuthority(kube, { kind: 'Secret', namespace: 'ns', name: 'with-ca' }), pem);
    assert.equal(await readCertificateAuthority(kube, { kind: 'ConfigMap', namespace: 'ns', name: 'bundle' }), pem);
    assert.equal(await readCertificateAuthority(kube, { kind: 'ConfigMap', namespace: 'ns', name: 'bundle', key: 'other.pem' }), pem);
  });

  it('says what is missing: the object, the key, or a PEM certificate in it', async () => {
    const kube = cluster({ 'ConfigMap ns/bundle': { data: { 'ca.crt': 'not a pem' } }, 'Secret ns/opaque': { data: { token: b64('x') } } });
    await assert.rejects(readCertificateAuthority(kube, { kind: 'Secret', namespace: 'ns', name: 'absent' }), /Secret ns\/absent does not exist/);
    await assert.rejects(readCertificateAuthority(kube, { kind: 'Secret', namespace: 'ns', name: 'opaque' }), /Secret ns\/opaque has no key tls\.crt \(it has: token\)/);
    await assert.rejects(readCertificateAuthority(kube, { kind: 'ConfigMap', namespace: 'ns', name: 'bundle' }), /ConfigMap ns\/bundle key ca\.crt holds no PEM certificate/);
  });
});
