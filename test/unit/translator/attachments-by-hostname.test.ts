import assert from 'node:assert/strict';
import { AttachmentsByHostname } from '../../../reference-impl/controller/translator/attachments-by-hostname.ts';
import type { AttachedRoute } from '../../../reference-impl/controller/translator/gateway-ir-builder.ts';

/** Only hostnames matter to the index: listener and rules are placeholders. */
const attachment = (...hostnames: string[]) => ({ hostnames, listener: undefined, rules: [] }) as unknown as AttachedRoute;

describe('AttachmentsByHostname', () => {
  const a = attachment('a.example.com', '*.example.com');
  const b = attachment('b.example.com');
  const c = attachment('*');
  const d = attachment('a.example.com');
  const index = new AttachmentsByHostname([a, b, c, d]);
  const seen = (hostname: string) => index.candidates(hostname).map((candidate) => [candidate.attachment, candidate.routeHostname]);

  it('gives a host its exact hostnames and every wildcard, in the order a scan of the attachments visits them', () => {
    assert.deepEqual(seen('a.example.com'), [
      [a, 'a.example.com'],
      [a, '*.example.com'],
      [c, '*'],
      [d, 'a.example.com'],
    ]);
  });

  it('leaves out exact hostnames of other hosts', () => {
    assert.deepEqual(seen('b.example.com'), [
      [a, '*.example.com'],
      [b, 'b.example.com'],
      [c, '*'],
    ]);
    assert.deepEqual(seen('other.test'), [
      [a, '*.example.com'],
      [c, '*'],
    ]);
  });

  it('returns only exact matches when no route has a wildcard', () => {
    const exactOnly = new AttachmentsByHostname([b, d]);
    assert.deepEqual(
      exactOnly.candidates('a.example.com').map((candidate) => candidate.attachment),
      [d],
    );
    assert.deepEqual(exactOnly.candidates('c.example.com'), []);
  });
});
