import assert from 'node:assert/strict';
import { compilePathModifier, InvalidPathModifierError, replacePrefixMatch } from '../../../reference-impl/proxy/filters/path-modifier.ts';

describe('path modifiers', () => {
  it('replaces a prefix element-wise exactly as the specification table lists', () => {
    // [request path, prefix match, replacement, modified path], the rows of HTTPPathModifier's table.
    const table: [string, string, string, string][] = [
      ['/foo/bar', '/foo', '/xyz', '/xyz/bar'],
      ['/foo/bar', '/foo', '/xyz/', '/xyz/bar'],
      ['/foo/bar', '/foo/', '/xyz', '/xyz/bar'],
      ['/foo/bar', '/foo/', '/xyz/', '/xyz/bar'],
      ['/foo', '/foo', '/xyz', '/xyz'],
      ['/foo/', '/foo', '/xyz', '/xyz/'],
      ['/foo/bar', '/foo', '', '/bar'],
      ['/foo/', '/foo', '', '/'],
      ['/foo', '/foo', '', '/'],
      ['/foo/', '/foo', '/', '/'],
      ['/foo', '/foo', '/', '/'],
    ];
    for (const [path, prefix, replacement, expected] of table) {
      assert.equal(replacePrefixMatch(path, prefix, replacement), expected, `${path} ${prefix} -> ${JSON.stringify(replacement)}`);
    }
  });

  it('matches whole elements only, and a root prefix prepends the replacement', () => {
    assert.equal(replacePrefixMatch('/foobar', '/foo', '/xyz'), '/foobar');
    assert.equal(replacePrefixMatch('/strip-prefix/three', '/strip-prefix', '/'), '/three');
    assert.equal(replacePrefixMatch('/a/b', '/', '/x'), '/x/a/b');
    assert.equal(replacePrefixMatch('/a//b', '/a', '/x'), '/x//b');
  });

  it('compiles ReplaceFullPath and ReplacePrefixMatch, refusing values that are not paths', () => {
    assert.equal(compilePathModifier({ type: 'ReplaceFullPath', value: '/one' }, 'f')('/full/one/two'), '/one');
    assert.equal(compilePathModifier({ type: 'ReplacePrefixMatch', prefix: '/prefix/one', value: '/one' }, 'f')('/prefix/one/two'), '/one/two');
    assert.equal(compilePathModifier({ type: 'ReplacePrefixMatch', prefix: '/p', value: '' }, 'f')('/p/q'), '/q');
    assert.throws(() => compilePathModifier({ type: 'ReplaceFullPath', value: 'relative' }, 'rule r filters[0] (URLRewrite) path'), (e: unknown) => {
      return e instanceof InvalidPathModifierError && /rule r filters\[0\] \(URLRewrite\) path: ReplaceFullPath value "relative" must start with "\/"/.test(e.message);
    });
    assert.throws(() => compilePathModifier({ type: 'ReplaceFullPath', value: '' }, 'f'), InvalidPathModifierError);
    assert.throws(() => compilePathModifier({ type: 'ReplacePrefixMatch', prefix: '/p', value: '/a b' }, 'f'), /characters a URL path cannot carry/);
  });
});
