import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { PooledKubeConfig } from '../../../reference-impl/net/pooled-kube-config.ts';
import { makeTestCertificates } from '../echo/test-certificates.ts';

const CALLS = 10;

describe('PooledKubeConfig', () => {
  let server: Server;
  let handshakes = 0;
  let caData = '';

  before(async () => {
    const certs = await makeTestCertificates(['localhost']);
    caData = readFileSync(certs.files.ca).toString('base64');
    server = createServer({ cert: readFileSync(certs.files.cert), key: readFileSync(certs.files.key) }, (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ apiVersion: 'v1', kind: 'NamespaceList', metadata: { resourceVersion: '1' }, items: [] }));
    });
    server.on('secureConnection', () => {
      handshakes += 1;
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  after(() => {
    server.closeAllConnections();
    server.close();
  });

  function load(config: KubeConfig): KubeConfig {
    const port = (server.address() as AddressInfo).port;
    config.loadFromOptions({
      clusters: [{ name: 'c', server: `https://localhost:${port}`, caData }],
      users: [{ name: 'u', token: 't' }],
      contexts: [{ name: 'ctx', cluster: 'c', user: 'u' }],
      currentContext: 'ctx',
    });
    return config;
  }

  async function handshakesFor(config: KubeConfig): Promise<number> {
    const api = load(config).makeApiClient(CoreV1Api);
    const before = handshakes;
    for (let call = 0; call < CALLS; call++) await api.listNamespace();
    return handshakes - before;
  }

  it('makes its requests over kept TLS connections', async () => {
    const config = new PooledKubeConfig();
    // One, or two when a request is sent before undici has put the first connection back in its pool.
    const opened = await handshakesFor(config);
    assert.ok(opened <= 2, `${opened} TLS connections for ${CALLS} requests in a row`);
    await config.closeConnections();
  });

  it('is needed: client-node alone opens a TLS connection per request', async () => {
    assert.equal(await handshakesFor(new KubeConfig()), CALLS);
  });
});
