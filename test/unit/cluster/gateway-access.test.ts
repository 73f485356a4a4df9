import assert from 'node:assert/strict';
import { privilegedPortsFromEnv } from '../../../harness/cluster/local/local-cluster-provider.ts';
import { curlCommand, formatGatewayAccess } from '../../../harness/run/gateway-access.ts';

describe('gateway access lines', () => {
  it('curls the address itself when it serves the port, else keeps the URL and connects to where it is served', () => {
    assert.equal(curlCommand('127.20.0.1', { port: 80, protocol: 'HTTP' }, { host: '127.20.0.1', port: 80 }), 'curl http://127.20.0.1/');
    assert.equal(
      curlCommand('127.20.0.1', { port: 80, protocol: 'HTTP' }, { host: '127.30.0.1', port: 31234 }),
      'curl --connect-to 127.20.0.1:80:127.30.0.1:31234 http://127.20.0.1/',
    );
    assert.equal(
      curlCommand('127.20.0.1', { port: 8080, protocol: 'HTTP', hostname: '*.example.com' }, { host: '127.20.0.1', port: 8080 }),
      'curl --connect-to www.example.com:8080:127.20.0.1:8080 http://www.example.com:8080/',
      'a listener hostname goes in the URL (Host header and SNI), the Gateway address in --connect-to',
    );
    assert.equal(
      curlCommand('127.20.0.1', { port: 443, protocol: 'HTTPS', hostname: 'secure.example.com' }, { host: '127.30.0.1', port: 30443 }),
      'curl -k --connect-to secure.example.com:443:127.30.0.1:30443 https://secure.example.com/',
    );
    assert.equal(curlCommand('127.20.0.1', { port: 5000, protocol: 'TCP' }, { host: '127.20.0.1', port: 5000 }), undefined);
  });

  it('lists each Gateway with its address and a line per listener', () => {
    const text = formatGatewayAccess([
      {
        namespace: 'infra',
        name: 'web',
        address: '127.20.0.1',
        listeners: [
          { name: 'http', protocol: 'HTTP', port: 80, endpoint: { host: '127.30.0.1', port: 31234 }, curl: 'curl x' },
          { name: 'tcp', protocol: 'TCP', port: 5000, endpoint: { host: '127.20.0.1', port: 5000 }, curl: undefined },
          { name: 'dns', protocol: 'UDP', port: 53, endpoint: { host: '127.30.0.1', port: 31053 }, curl: undefined },
          { name: 'sctp', protocol: 'example.com/sctp', port: 9, endpoint: { host: '127.20.0.1', port: 9 }, curl: undefined },
        ],
      },
      { namespace: 'infra', name: 'pending', address: undefined, listeners: [] },
    ]);
    assert.equal(
      text,
      [
        'Gateway infra/web: address 127.20.0.1',
        '  http (HTTP 80, served at 127.30.0.1:31234): curl x',
        '  tcp (TCP 5000, served at 127.20.0.1:5000): nc 127.20.0.1 5000',
        '  dns (UDP 53, served at 127.30.0.1:31053): nc -u 127.30.0.1 31053',
        '  sctp (example.com/sctp 9, served at 127.20.0.1:9): connect to 127.20.0.1:9',
        'Gateway infra/pending: address <none yet>',
      ].join('\n'),
    );
    assert.equal(formatGatewayAccess([]), 'No Gateways yet.');
  });

  it('reads GAUNTLET_LOCAL_PORTS, refusing what it does not know', () => {
    assert.equal(privilegedPortsFromEnv({}), 'auto');
    assert.equal(privilegedPortsFromEnv({ GAUNTLET_LOCAL_PORTS: 'mapped' }), 'mapped');
    assert.throws(() => privilegedPortsFromEnv({ GAUNTLET_LOCAL_PORTS: 'yes' }), /GAUNTLET_LOCAL_PORTS="yes" is not a setting: use auto \(the default\) or mapped/);
  });
});
