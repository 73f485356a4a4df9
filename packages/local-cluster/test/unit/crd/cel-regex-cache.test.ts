import assert from 'node:assert/strict';
import { compileCachedRegex } from '../../../src/crd/cel-regex-cache.ts';

describe('compileCachedRegex', () => {
  it('compiles a pattern once and answers as RE2 does', () => {
    const program = compileCachedRegex('^/[a-z]+$');
    assert.equal(compileCachedRegex('^/[a-z]+$'), program);
    assert.equal(program.test('/path'), true);
    assert.equal(program.test('/Path'), false);
    assert.equal(compileCachedRegex('(?i)^/path$').test('/PATH'), true);
  });

  it('throws for a pattern RE2 refuses, every time', () => {
    assert.throws(() => compileCachedRegex('(a'));
    assert.throws(() => compileCachedRegex('(a'));
  });
});
