import assert from 'node:assert/strict';
import { grpcEchoSettings, httpEchoSettings, tcpEchoSettings, udpEchoSettings } from '../../../reference-impl/echo/echo-mode-settings.ts';
import { EchoSettingsError, echoModeFrom, portFrom } from '../../../reference-impl/echo/echo-settings.ts';
import { PodFileError, podFilePath, readPodFile } from '../../../reference-impl/echo/pod-file.ts';
import { readServerTls } from '../../../reference-impl/echo/server-tls.ts';
import { makeTestCertificates } from './test-certificates.ts';

describe('echo settings from the environment', () => {
  it('uses upstream’s defaults: HTTP on 3000, h2c on 3001, all addresses without POD_IP', () => {
    const settings = httpEchoSettings({});
    assert.deepEqual([settings.host, settings.httpPort, settings.h2cPort], ['0.0.0.0', 3000, 3001]);
    assert.deepEqual(settings.context, { namespace: '', ingress: '', service: '', pod: '' });
  });

  it('reads the ports, the pod address and the pod context', () => {
    const settings = httpEchoSettings({ HTTP_PORT: '8080', H2C_PORT: '8081', POD_IP: '127.10.0.5', NAMESPACE: 'ns', INGRESS_NAME: 'i', SERVICE_NAME: 's', POD_NAME: 'p' });
    assert.deepEqual([settings.host, settings.httpPort, settings.h2cPort], ['127.10.0.5', 8080, 8081]);
    assert.deepEqual(settings.context, { namespace: 'ns', ingress: 'i', service: 's', pod: 'p' });
  });

  it('refuses what is not a port, naming the variable', () => {
    for (const text of ['x', '-1', '65536', '80.5', ' 80']) {
      assert.throws(
        () => portFrom({ HTTP_PORT: text }, 'HTTP_PORT', 3000),
        (error: unknown) => error instanceof EchoSettingsError && error.code === 'ECHO_BAD_SETTING' && error.message.startsWith(`HTTP_PORT "${text}"`),
        text,
      );
    }
    assert.equal(portFrom({ HTTP_PORT: '' }, 'HTTP_PORT', 3000), 3000, 'empty means unset, as with upstream');
  });
});

describe('echo modes and their settings', () => {
  it('picks the mode as upstream does: gRPC, then TCP, then UDP, else HTTP', () => {
    assert.equal(echoModeFrom({ GRPC_ECHO_SERVER: '1', TCP_ECHO_SERVER: '1' }), 'grpc');
    assert.equal(echoModeFrom({ TCP_ECHO_SERVER: '1', UDP_ECHO_SERVER: '1' }), 'tcp');
    assert.equal(echoModeFrom({ UDP_ECHO_SERVER: 'yes' }), 'udp');
    assert.equal(echoModeFrom({ GRPC_ECHO_SERVER: '' }), 'http', 'an empty value is unset');
  });

  it('turns TLS on only with both a certificate and a key, reading each mode’s key variable first', () => {
    assert.equal(httpEchoSettings({ TLS_SERVER_CERT: '/c' }).https, undefined);
    const http = httpEchoSettings({ TLS_SERVER_CERT: '/c', TLS_SERVER_PRIVKEY: '/k', TLS_CLIENT_CACERTS: '/ca', TLS_SERVER_PRIV_KEY: '/other' });
    assert.equal(http.https?.port, 8443);
    assert.deepEqual([http.https?.tls.key, http.https?.tls.clientCa], [
      { variable: 'TLS_SERVER_PRIVKEY', path: '/k' },
      { variable: 'TLS_CLIENT_CACERTS', path: '/ca' },
    ]);
    const tcp = tcpEchoSettings({ TLS_SERVER_CERT: '/c', TLS_SERVER_PRIV_KEY: '/k2', TLS_SERVER_PRIVKEY: '/k' });
    assert.deepEqual([tcp.port, tcp.tlsPort, tcp.tls?.key.variable], [3000, 8443, 'TLS_SERVER_PRIV_KEY']);
    assert.equal(tcpEchoSettings({}).tls, undefined);
    const grpc = grpcEchoSettings({ HTTP_PORT: '7070', HTTPS_PORT: '7443', TLS_SERVER_CERT: '/c', TLS_SERVER_PRIVKEY: '/k' });
    assert.deepEqual([grpc.port, grpc.tls?.port, grpc.tls?.tls.key.variable], [7070, 7443, 'TLS_SERVER_PRIVKEY'], 'the other name is the fallback');
    assert.equal(udpEchoSettings({}).port, 8080);
  });
});

describe('pod files and server TLS', () => {
  it('reads absolute paths under LOCAL_CLUSTER_POD_ROOT when it is set', () => {
    assert.equal(podFilePath('/etc/secret-volume/crt', {}), '/etc/secret-volume/crt');
    assert.equal(podFilePath('/etc/secret-volume/crt', { LOCAL_CLUSTER_POD_ROOT: '/tmp/pods/p1' }), '/tmp/pods/p1/etc/secret-volume/crt');
    assert.throws(() => readPodFile('/nowhere/crt', {}, 'TLS_SERVER_CERT'), (error: unknown) => error instanceof PodFileError && /^TLS_SERVER_CERT names \/nowhere\/crt, which cannot be read/.test(error.message));
  });

  it('refuses a key that does not belong to the certificate, naming both variables', async () => {
    const one = await makeTestCertificates(['a.example']);
    const two = await makeTestCertificates(['b.example']);
    assert.throws(
      () => readServerTls({ cert: { variable: 'TLS_SERVER_CERT', path: one.files.cert }, key: { variable: 'TLS_SERVER_PRIVKEY', path: two.files.key } }, {}),
      (error: unknown) => error instanceof EchoSettingsError && /^TLS_SERVER_CERT \(.*\) and TLS_SERVER_PRIVKEY \(.*\) are not a usable PEM certificate/.test(error.message),
    );
  });
});
