import assert from 'node:assert/strict';
import { parseWrkOutput } from '../../../reference-impl/proxy/bench/load-generator.ts';
import { nginxConfig } from '../../../reference-impl/proxy/bench/nginx-baseline.ts';
import { workerCountOf } from '../../../reference-impl/proxy/extra-workers.ts';

const WRK_OUTPUT = `Running 5s test @ http://127.0.0.1:40000/bench?x=1
  1 threads and 50 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     2.10ms    1.20ms  40.00ms   90.00%
    Req/Sec    24.00k     1.00k   26.00k    70.00%
  Latency Distribution
     50%  850.00us
     75%    2.50ms
     90%    3.00ms
     99%    1.20s
  120000 requests in 5.00s, 50.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:  24000.00
Transfer/sec:     10.00MB
`;

describe('proxy bench helpers', () => {
  it('reads requests, p50/p99 in any wrk unit, and failures from a wrk --latency report', () => {
    assert.deepEqual(parseWrkOutput(WRK_OUTPUT, 5), { requests: 120000, seconds: 5, p50Ms: 0.85, p99Ms: 1200, failures: 7 });
  });

  it('generates an nginx config with the worker count, upstream keep-alive and the backend address', () => {
    const config = nginxConfig('/tmp/x', { host: '127.0.0.1', listenPort: 4100, backendPort: 4200, workers: 2 });
    assert.match(config, /worker_processes 2;/);
    assert.match(config, /server 127\.0\.0\.1:4200;\s+keepalive \d+;/);
    assert.match(config, /listen 127\.0\.0\.1:4100;/);
    assert.match(config, /proxy_http_version 1\.1;\s+proxy_set_header Connection "";/);
    assert.doesNotMatch(config, /ssl/);
  });

  it('terminates TLS on the listening port with the given certificate for --tls', () => {
    const config = nginxConfig('/tmp/x', { host: '127.0.0.1', listenPort: 4100, backendPort: 4200, workers: 1, tls: { certificatePath: '/tmp/c.pem', privateKeyPath: '/tmp/k.pem' } });
    assert.match(config, /listen 127\.0\.0\.1:4100 ssl;/);
    assert.match(config, /ssl_certificate \/tmp\/c\.pem;\s+ssl_certificate_key \/tmp\/k\.pem;/);
    assert.match(config, /proxy_pass http:\/\/echo;/);
  });
});

describe('PROXY_WORKERS', () => {
  it('defaults to one process and accepts whole counts from 1 to 64', () => {
    assert.equal(workerCountOf(undefined), 1);
    assert.equal(workerCountOf(''), 1);
    assert.equal(workerCountOf('2'), 2);
    assert.equal(workerCountOf('64'), 64);
  });

  it('refuses anything else with an error naming the variable', () => {
    for (const text of ['0', '65', '1.5', 'two', '-1']) {
      assert.throws(() => workerCountOf(text), { code: 'PROXY_BAD_WORKER_COUNT', message: new RegExp(`PROXY_WORKERS "${text}"`) });
    }
  });
});
