import assert from 'node:assert/strict';
import { escapeXml, renderJUnit } from '../../../harness/report/junit-report.ts';
import { sampleRun } from './sample-run.ts';

/** A minimal well-formedness check: every tag closes in order, attributes are quoted, entities are known. */
function assertWellFormed(xml: string): void {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let consumed = 0;
  for (let match = tag.exec(body); match !== null; match = tag.exec(body)) {
    consumed = tag.lastIndex;
    const [, closing, name, , selfClosing, text] = match;
    if (text !== undefined) {
      assert.doesNotMatch(text, /&(?!(amp|lt|gt|quot|apos);)/, `bad entity in ${JSON.stringify(text)}`);
      continue;
    }
    if (closing) assert.equal(stack.pop(), name, `</${name}> closes the wrong element`);
    else if (!selfClosing) stack.push(name ?? '');
  }
  assert.equal(consumed, body.length, `unparsable XML near: ${body.slice(consumed, consumed + 60)}`);
  assert.deepEqual(stack, []);
}

describe('renderJUnit', () => {
  it('writes well-formed XML with counts per suite', () => {
    const xml = renderJUnit(sampleRun());
    assertWellFormed(xml);
    assert.match(xml, /<testsuites name="gauntlet 20261126-054000-ab12" tests="4" failures="1" errors="0" skipped="1" time="90\.500">/);
    assert.match(xml, /<testsuite name="gauntlet\.GATEWAY-HTTP" tests="4" failures="1" errors="0" skipped="1" time="35\.200"/);
    assert.match(xml, /<testcase name="httproute-simple-same-namespace" classname="gauntlet\.GATEWAY-HTTP" time="1\.200"\/>/);
    assert.match(xml, /<skipped message="HTTPRouteRequestMirror is not supported"\/>/);
  });

  it('puts the expected-versus-got lines, escaped, into the failure', () => {
    const xml = renderJUnit(sampleRun());
    assert.match(xml, /<failure message="GET \/ version: two -&gt; 200 infra-backend-v2" type="ExpectationFailed">HTTPRouteHeaderMatching: header &lt;matching&gt; &amp; &quot;precedence&quot;/);
    assert.match(xml, /backend: expected infra-backend-v2, got infra-backend-v1 \(pod infra-backend-v1-7f9c-abcde\)\nbody: &lt;html&gt;&amp;<\/failure>/);
  });

  it('escapes markup and drops characters XML cannot hold', () => {
    assert.equal(escapeXml(`<a href="x">'&'</a>\u0000\u0007ok\u0009`), '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;ok\u0009');
  });
});
