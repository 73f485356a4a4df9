import assert from 'node:assert/strict';
import type { CorsIR } from '../../../reference-impl/ir/gateway-ir.ts';
import { compileOriginMatcher, InvalidCorsOriginError } from '../../../reference-impl/proxy/filters/cors-origin.ts';
import { compileCorsPolicy } from '../../../reference-impl/proxy/filters/cors-policy.ts';

function cors(partial: Partial<CorsIR>): CorsIR {
  return { type: 'CORS', allowOrigins: [], allowMethods: [], allowHeaders: [], exposeHeaders: [], allowCredentials: false, maxAgeSeconds: 5, ...partial };
}

function asMap(flat: string[] | undefined): Record<string, string> | undefined {
  if (flat === undefined) return undefined;
  const out: Record<string, string> = {};
  for (let i = 0; i < flat.length; i += 2) out[flat[i] ?? ''] = flat[i + 1] ?? '';
  return out;
}

describe('CORS origins', () => {
  const matches = compileOriginMatcher(['https://www.foo.com', 'https://*.bar.com', 'http://*:8080'], 'f');

  it('matches exact origins, default ports included, case-insensitively', () => {
    assert.ok(matches('https://www.foo.com'));
    assert.ok(matches('https://www.foo.com:443'));
    assert.ok(matches('HTTPS://WWW.FOO.COM'));
    assert.ok(!matches('http://www.foo.com'));
    assert.ok(!matches('https://www.foo.com:8443'));
    assert.ok(!matches('https://foo.com'));
  });

  it('lets a leading *. stand for one or more labels, greedily', () => {
    assert.ok(matches('https://www.bar.com'));
    assert.ok(matches('https://xpto.www.bar.com'));
    assert.ok(!matches('https://bar.com'));
    assert.ok(!matches('https://foobar.com'));
  });

  it('lets a host of * match any host with that scheme and port', () => {
    assert.ok(matches('http://anything.example:8080'));
    assert.ok(!matches('http://anything.example'));
  });

  it('refuses malformed request origins and allows everything with *', () => {
    for (const bad of ['null', 'https://www.foo.com/', 'www.foo.com', 'https://www.foo.com:99999', '']) assert.ok(!matches(bad), bad);
    const any = compileOriginMatcher(['*'], 'f');
    assert.ok(any('null') && any('https://foobar.com:12345'));
  });

  it('refuses allowed origins that are not origins, naming where', () => {
    assert.throws(() => compileOriginMatcher(['ftp://a.com'], 'rule r filters[0] (CORS)'), (e: unknown) => e instanceof InvalidCorsOriginError && /rule r filters\[0\] \(CORS\): allowed origin "ftp:\/\/a.com"/.test(e.message));
    assert.throws(() => compileOriginMatcher(['https://a.*.com'], 'f'), InvalidCorsOriginError);
  });
});

describe('CORS answers', () => {
  const listed = compileCorsPolicy(
    cors({
      allowOrigins: ['https://www.foo.com', 'https://*.bar.com'],
      allowMethods: ['GET', 'OPTIONS'],
      allowHeaders: ['x-header-1', 'x-header-2'],
      exposeHeaders: ['x-header-3', 'x-header-4'],
      allowCredentials: true,
      maxAgeSeconds: 3600,
    }),
    'f',
  );

  it('answers an allowed preflight with the configured lists, echoing the origin', () => {
    assert.deepEqual(asMap(listed.preflight({ origin: 'https://www.bar.com', method: 'GET', headers: 'x-header-1' })), {
      'access-control-allow-origin': 'https://www.bar.com',
      vary: 'Origin',
      'access-control-allow-credentials': 'true',
      'access-control-expose-headers': 'x-header-3, x-header-4',
      'access-control-allow-methods': 'GET, OPTIONS',
      'access-control-allow-headers': 'x-header-1, x-header-2',
      'access-control-max-age': '3600',
    });
  });

  it('gives no CORS headers to an origin that is not allowed', () => {
    assert.equal(listed.preflight({ origin: 'https://foobar.com', method: 'GET', headers: undefined }), undefined);
    assert.equal(listed.actual('https://foobar.com'), undefined);
    assert.deepEqual(asMap(listed.actual('https://www.foo.com')), {
      'access-control-allow-origin': 'https://www.foo.com',
      vary: 'Origin',
      'access-control-allow-credentials': 'true',
      'access-control-expose-headers': 'x-header-3, x-header-4',
    });
  });

  it('sends * for wildcards without credentials', () => {
    const open = compileCorsPolicy(cors({ allowOrigins: ['*'], allowMethods: ['*'], allowHeaders: ['*'], exposeHeaders: ['*'] }), 'f');
    assert.deepEqual(asMap(open.preflight({ origin: 'https://foobar.com:12345', method: 'PUT', headers: 'x-a' })), {
      'access-control-allow-origin': '*',
      'access-control-expose-headers': '*',
      'access-control-allow-methods': '*',
      'access-control-allow-headers': '*',
      'access-control-max-age': '5',
    });
  });

  it('echoes the origin, method and headers for wildcards with credentials, and never sends *', () => {
    const withCredentials = compileCorsPolicy(cors({ allowOrigins: ['*'], allowMethods: ['*'], allowHeaders: ['*'], exposeHeaders: ['*'], allowCredentials: true }), 'f');
    const answer = asMap(withCredentials.preflight({ origin: 'https://other.foo.com', method: 'PUT', headers: 'x-header-1, x-header-2' }));
    assert.deepEqual(answer, {
      'access-control-allow-origin': 'https://other.foo.com',
      vary: 'Origin',
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'PUT',
      'access-control-allow-headers': 'x-header-1, x-header-2',
      'access-control-max-age': '5',
    });
    // Without Access-Control-Request-Headers there is nothing to echo: the header is left out.
    assert.equal(asMap(withCredentials.preflight({ origin: 'https://a.com', method: 'PUT', headers: undefined }))?.['access-control-allow-headers'], undefined);
  });

  it('leaves out lists that are empty', () => {
    const bare = compileCorsPolicy(cors({ allowOrigins: ['https://a.com'] }), 'f');
    assert.deepEqual(asMap(bare.preflight({ origin: 'https://a.com', method: 'GET', headers: 'x' })), {
      'access-control-allow-origin': 'https://a.com',
      vary: 'Origin',
      'access-control-max-age': '5',
    });
  });
});
