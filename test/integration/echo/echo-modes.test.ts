// Each mode of the echo image and the DNS responder as the local runtime starts them: env vars and args
// in, files read under LOCAL_CLUSTER_POD_ROOT as a pod's volumes would hold them, answers over real sockets.

import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { credentials } from '@grpc/grpc-js';
import { decode, encode } from 'dns-packet';
import { grpcEchoService } from '../../../reference-impl/echo/grpc/grpc-echo-definition.ts';
import { makeTestCertificates, type TestCertificates } from '../../unit/echo/test-certificates.ts';
import { type EchoProcess, startEchoProcess } from './echo-process.ts';

const POD = { POD_IP: '127.0.0.1', POD_NAME: 'backend-0', NAMESPACE: 'gateway-conformance-infra', SERVICE_NAME: 'backend' };

async function udpExchange(port: number, payload: Buffer): Promise<Buffer> {
  const client = createSocket('udp4');
  try {
    const reply = once(client, 'message') as Promise<[Buffer]>;
    client.send(payload, port, '127.0.0.1');
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no UDP answer within 2 s')), 2000).unref());
    return (await Promise.race([reply, timeout]))[0];
  } finally {
    client.close();
  }
}

describe('echo modes and the DNS responder as processes (integration)', function () {
  this.timeout(30_000);
  let certs: TestCertificates;
  let podRoot: string;
  const started: EchoProcess[] = [];
  const start = (script: string, env: Record<string, string>, args: string[] = []): EchoProcess => {
    const child = startEchoProcess(script, { ...POD, LOCAL_CLUSTER_POD_ROOT: podRoot, ...env }, args);
    started.push(child);
    return child;
  };
  before(async () => {
    certs = await makeTestCertificates(['backend.example.com']);
    podRoot = mkdtempSync(path.join(tmpdir(), 'pod-root-'));
    mkdirSync(path.join(podRoot, 'etc/secret-volume'), { recursive: true });
    copyFileSync(certs.files.cert, path.join(podRoot, 'etc/secret-volume/crt'));
    copyFileSync(certs.files.key, path.join(podRoot, 'etc/secret-volume/key'));
  });
  after(async () => {
    await Promise.all(started.map((child) => child.stop()));
  });

  it('HTTP mode serves HTTPS on HTTPS_PORT with the certificate files the env names', async () => {
    const echo = start('reference-impl/echo/main.ts', {
      HTTP_PORT: '0',
      H2C_PORT: '0',
      HTTPS_PORT: '0',
      TLS_SERVER_CERT: '/etc/secret-volume/crt',
      TLS_SERVER_PRIVKEY: '/etc/secret-volume/key',
    });
    const listening = await echo.waitForLog('echo server listening');
    const body = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: listening.https as number, path: '/secure', servername: 'backend.example.com', ca: certs.caPem, agent: false }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c.toString();
        });
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.end();
    });
    const answer = JSON.parse(body) as { path: string; pod: string; tls: { serverName: string } };
    assert.deepEqual([answer.path, answer.pod, answer.tls.serverName], ['/secure', 'backend-0', 'backend.example.com']);
  });

  it('a TLS file that is not there stops the start, naming the variable and both paths', async () => {
    const echo = start('reference-impl/echo/main.ts', { HTTP_PORT: '0', H2C_PORT: '0', TLS_SERVER_CERT: '/etc/missing/crt', TLS_SERVER_PRIVKEY: '/etc/secret-volume/key' });
    assert.equal(await echo.exitCode(), 1);
    const error = await echo.waitForLog(/^TLS_SERVER_CERT names \/etc\/missing\/crt \(at [^)]*\/etc\/missing\/crt, under LOCAL_CLUSTER_POD_ROOT\), which cannot be read/);
    assert.deepEqual([error.level, error.code], [50, 'POD_FILE_UNREADABLE']);
  });

  it('GRPC_ECHO_SERVER runs the gRPC echo on HTTP_PORT', async () => {
    const echo = start('reference-impl/echo/main.ts', { GRPC_ECHO_SERVER: '1', HTTP_PORT: '0' });
    const listening = await echo.waitForLog('echo server listening');
    assert.equal(listening.mode, 'grpc');
    const Service = grpcEchoService();
    const client = new Service(`127.0.0.1:${listening.grpc as number}`, credentials.createInsecure());
    try {
      const response = await new Promise<{ assertions: { context: { pod: string } } }>((resolve, reject) => {
        (client as unknown as { Echo: (r: object, cb: (e: Error | null, v: unknown) => void) => void }).Echo({}, (error, value) =>
          error ? reject(error) : resolve(value as { assertions: { context: { pod: string } } }),
        );
      });
      assert.equal(response.assertions.context.pod, 'backend-0');
    } finally {
      client.close();
    }
    await echo.waitForLog('request', (line) => line.listener === 'grpc');
  });

  it('TCP_ECHO_SERVER runs the TCP echo on TCP_PORT, with TLS from TLS_SERVER_PRIV_KEY', async () => {
    const echo = start('reference-impl/echo/main.ts', { TCP_ECHO_SERVER: '1', TCP_PORT: '0', TLS_PORT: '0', TLS_SERVER_CERT: '/etc/secret-volume/crt', TLS_SERVER_PRIV_KEY: '/etc/secret-volume/key' });
    const listening = await echo.waitForLog('echo server listening');
    assert.equal(typeof listening.tls, 'number', 'the TLS port is up');
    const socket = connect(listening.tcp as number, '127.0.0.1');
    let received = '';
    socket.on('data', (c: Buffer) => {
      received += c.toString();
    });
    socket.write('PING\n');
    await echo.waitForLog('connection');
    for (let i = 0; i < 100 && !received.includes('PONG\n'); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    socket.destroy();
    assert.equal(received, 'Gateway API Test TCP Server\nPONG\n');
  });

  it('UDP_ECHO_SERVER runs the UDP echo on UDP_PORT', async () => {
    const echo = start('reference-impl/echo/main.ts', { UDP_ECHO_SERVER: '1', UDP_PORT: '0' });
    const listening = await echo.waitForLog('echo server listening');
    const answer = JSON.parse((await udpExchange(listening.udp as number, Buffer.from('probe'))).toString()) as { request: string; pod: string };
    assert.deepEqual([answer.request, answer.pod], ['probe', 'backend-0']);
  });

  it('the DNS responder reads -conf under the pod root and answers whoami queries', async () => {
    mkdirSync(path.join(podRoot, 'root'), { recursive: true });
    writeFileSync(path.join(podRoot, 'root/Corefile'), 'foo.bar.com {\n  whoami\n  log\n}\n');
    const dns = start('reference-impl/dns-responder/main.ts', {}, ['-conf', '/root/Corefile', '-dns.port', '0']);
    const listening = await dns.waitForLog('dns responder listening');
    const [zone] = listening.zones as { zone: string; port: number }[];
    assert.equal(zone?.zone, 'foo.bar.com.');
    const answer = decode(await udpExchange(zone?.port ?? 0, encode({ type: 'query', id: 99, questions: [{ type: 'A', name: 'foo.bar.com', class: 'IN' }] })));
    assert.equal(answer.id, 99);
    await dns.waitForLog('query', (line) => line.name === 'foo.bar.com');
  });

  it('the DNS responder stops on a Corefile it cannot serve, naming file and line', async () => {
    writeFileSync(path.join(podRoot, 'root/Bad'), '. {\n  whoami\n  etcd\n}\n');
    const dns = start('reference-impl/dns-responder/main.ts', {}, ['-conf', '/root/Bad']);
    assert.equal(await dns.exitCode(), 1);
    await dns.waitForLog('/root/Bad:3: plugin "etcd" is not served by the gauntlet DNS responder (it serves whoami, forward, log, errors, cache, reload, loadbalance, debug); use the coredns image in a kind or kubeconfig cluster for other plugins');
  });
});
