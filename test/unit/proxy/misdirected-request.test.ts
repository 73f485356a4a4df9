// Which listener of an HTTPS port a name belongs to, and the 421/404 verdicts that follow, on the listener
// layout of upstream's HTTPRouteHTTPSListenerDetectMisdirectedRequests (a listener without hostname, an exact
// one, a wildcard, and an exact name under that wildcard), with that test's table of SNI, Host and answer.
import assert from 'node:assert/strict';
import type { PortTlsIR } from '../../../reference-impl/ir/gateway-ir.ts';
import { ServerNameTable } from '../../../reference-impl/proxy/listeners/server-name-table.ts';
import { compileMisdirectionCheck } from '../../../reference-impl/proxy/router/misdirected-request.ts';

const names = (...hostnames: string[]) => hostnames.map((hostname) => ({ hostname, value: hostname }));

describe('HTTPS listener names', () => {
  it('picks the exact name, then the longest wildcard suffix (at least one more label), then *', () => {
    const table = new ServerNameTable(names('*', '*.example.com', '*.a.example.com', 'Exact.example.com'));
    assert.equal(table.lookup('exact.example.com'), 'Exact.example.com');
    assert.equal(table.lookup('x.a.example.com'), '*.a.example.com');
    assert.equal(table.lookup('x.y.example.com'), '*.example.com');
    assert.equal(table.lookup('example.com'), '*');
    assert.equal(table.lookup(undefined), '*', 'a client sending no SNI');
    assert.equal(new ServerNameTable(names('*.example.com')).lookup('other.org'), undefined);
  });

  it('says 421 or 404 as upstream expects for each SNI and Host', () => {
    const tls: PortTlsIR = { serverNames: ['*', 'second-example.org', '*.wildcard.org', 'fourth-example.wildcard.org'].map((hostname) => ({ hostname, listener: hostname, certificates: [] })) };
    const check = compileMisdirectionCheck(tls);
    // [SNI, Host, what upstream expects: routed by the SNI's listener (then 200 or 404 by its routes), 421, or 404]
    const cases: [string, string, 'routed' | 421 | 404][] = [
      ['example.org', 'example.org', 'routed'],
      ['example.org', 'second-example.org', 421],
      ['example.org', 'unknown-example.org', 'routed'],
      ['second-example.org', 'second-example.org', 'routed'],
      ['second-example.org', 'example.org', 421],
      ['second-example.org', 'unknown-example.org', 421],
      ['third-example.wildcard.org', 'third-example.wildcard.org', 'routed'],
      ['third-example.wildcard.org', 'fith-example.wildcard.org', 'routed'],
      ['third-example.wildcard.org', 'fourth-example.wildcard.org', 421],
      ['third-example.wildcard.org', 'second-example.org', 421],
      ['third-example.wildcard.org', 'unknown-example.org', 421],
      ['fourth-example.wildcard.org', 'fourth-example.wildcard.org', 'routed'],
      ['fourth-example.wildcard.org', 'fith-example.wildcard.org', 421],
      ['unknown-example.org', 'example.org', 'routed'],
      ['unknown-example.org', 'unknown-example.org', 'routed'],
    ];
    const answer = { 'same-listener': 'routed', misdirected: 421, 'no-listener': 404 } as const;
    for (const [sni, host, expected] of cases) assert.equal(answer[check(host, sni)], expected, `SNI ${sni}, Host ${host}`);
  });

  it('says 404 for a Host no listener takes when the port has no listener without hostname', () => {
    const check = compileMisdirectionCheck({ serverNames: [{ hostname: 'only.example.com', listener: 'only', certificates: [] }] });
    assert.equal(check('other.example.com', 'only.example.com'), 'no-listener');
    assert.equal(check('only.example.com', 'only.example.com'), 'same-listener');
  });
});
