import assert from 'node:assert/strict';
import { parseCorefile } from '../../../reference-impl/dns-responder/corefile.ts';
import { CorefileError } from '../../../reference-impl/dns-responder/corefile-error.ts';
import { zoneFor, zonesFrom } from '../../../reference-impl/dns-responder/dns-zones.ts';
import { parseResponderArgs } from '../../../reference-impl/dns-responder/responder-args.ts';

const COREFILE = `# the fallback resolver
.:53 {
  forward . 192.0.2.1 192.0.2.2 {
    max_fails 2
  }
  errors
}

Example.ORG:5353, dns://sub.example.org {
  log
  whoami   # answers with the client address
}
`;

function rejects(source: string, pattern: RegExp, code: CorefileError['code']): void {
  assert.throws(
    () => zonesFrom(parseCorefile(source, '/root/Corefile'), '/root/Corefile', 53),
    (error: unknown) => error instanceof CorefileError && error.code === code && pattern.test(error.message),
  );
}

describe('DNS responder: Corefile', () => {
  it('reads server blocks, their zones and ports, and the directives with their lines', () => {
    const blocks = parseCorefile(COREFILE, 'Corefile');
    assert.deepEqual(
      blocks.map((block) => [block.keys, block.directives.map((d) => `${d.line}:${d.plugin} ${d.args.join(' ')}`.trim()), block.line]),
      [
        [['.:53'], ['3:forward . 192.0.2.1 192.0.2.2', '6:errors'], 2],
        [['Example.ORG:5353', 'dns://sub.example.org'], ['10:log', '11:whoami'], 9],
      ],
    );
    const zones = zonesFrom(blocks, 'Corefile', 1053);
    assert.deepEqual(
      zones.map((zone) => [zone.name, zone.port, zone.answer, zone.log]),
      [
        ['.', 53, 'servfail', false],
        ['example.org.', 5353, 'whoami', true],
        ['sub.example.org.', 1053, 'whoami', true],
      ],
    );
  });

  it('picks the longest zone holding the name, on the query’s port only', () => {
    const zones = zonesFrom(parseCorefile('.:53 { forward . 192.0.2.1 }\nfoo.bar.com:53 { whoami }\n', 'C'), 'C', 53);
    assert.equal(zoneFor(zones, 53, 'www.FOO.bar.com')?.name, 'foo.bar.com.');
    assert.equal(zoneFor(zones, 53, 'foo.bar.com.')?.name, 'foo.bar.com.');
    assert.equal(zoneFor(zones, 53, 'xfoo.bar.com')?.name, '.', 'a suffix that is not a label boundary does not count');
    assert.equal(zoneFor(zones, 54, 'foo.bar.com'), undefined);
  });

  it('names file and line for what it cannot serve or read', () => {
    rejects('. {\n  whoami\n  kubernetes cluster.local\n}\n', /^\/root\/Corefile:3: plugin "kubernetes" is not served/, 'COREFILE_UNSUPPORTED');
    rejects('tls://example.org {\n whoami\n}\n', /^\/root\/Corefile:1: server block key "tls:\/\/example.org"/, 'COREFILE_UNSUPPORTED');
    rejects('. {\n whoami\n', /^\/root\/Corefile:1: the server block opened here is never closed/, 'COREFILE_SYNTAX');
    rejects('. {\n whoami\n}\n.:53 {\n whoami\n}\n', /^\/root\/Corefile:4: zone \. on port 53 is also served by the block at line 1/, 'COREFILE_SYNTAX');
    rejects('. {\n log "unclosed\n}\n', /^\/root\/Corefile:2: a quoted word is never closed/, 'COREFILE_SYNTAX');
    rejects('whoami\n', /^\/root\/Corefile:1: expected zone names followed by "\{"/, 'COREFILE_SYNTAX');
  });

  it('takes coredns’s arguments', () => {
    assert.deepEqual(parseResponderArgs(['-conf', '/root/Corefile']), { conf: '/root/Corefile', dnsPort: 53, quiet: false });
    assert.deepEqual(parseResponderArgs(['--conf=/etc/C', '-dns.port', '1053', '-quiet']), { conf: '/etc/C', dnsPort: 1053, quiet: true });
    assert.throws(() => parseResponderArgs(['-plugins']), /flag -plugins is not supported/);
    assert.throws(() => parseResponderArgs(['-dns.port', 'x']), /-dns.port "x" is not a port number/);
    assert.throws(() => parseResponderArgs(['-conf']), /flag -conf needs a value/);
  });
});
