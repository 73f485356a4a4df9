import assert from 'node:assert/strict';
import { checkResponseHeaders, headerValueMatches } from '../../../harness/traffic/check-response-headers.ts';

const texts = (...args: Parameters<typeof checkResponseHeaders>) => checkResponseHeaders(...args).map((item) => item.text);

describe('response header values', () => {
  it('compares text exactly, joining repeated field lines with commas', () => {
    assert.equal(headerValueMatches('a,b', ['a', 'b']), true);
    assert.equal(headerValueMatches('a, b', ['a', 'b']), true);
    assert.equal(headerValueMatches('a,b', ['a, b']), false, 'one folded line is not what "a,b" means');
    assert.equal(headerValueMatches('a', ['a', 'b']), false);
  });

  it('takes a list in any order and spacing, across field lines, but with exactly its elements', () => {
    const list = { list: ['GET', 'OPTIONS'] };
    assert.equal(headerValueMatches(list, ['GET, OPTIONS']), true);
    assert.equal(headerValueMatches(list, ['OPTIONS,GET']), true);
    assert.equal(headerValueMatches(list, ['OPTIONS', ' GET ']), true);
    assert.equal(headerValueMatches(list, ['GET']), false);
    assert.equal(headerValueMatches(list, ['GET, OPTIONS, PUT']), false);
    assert.equal(headerValueMatches(list, ['GET, GET']), false);
    assert.equal(headerValueMatches(list, ['get, options']), false);
  });

  it('accepts any one of several values and names them all when none holds', () => {
    const expected = { 'access-control-allow-origin': ['https://a.example', '*'], 'access-control-allow-headers': ['*', { list: ['x-1', 'x-2'] }] };
    assert.deepEqual(texts({ 'access-control-allow-origin': ['*'], 'access-control-allow-headers': ['x-2, x-1'] }, expected, []), []);
    assert.deepEqual(texts({ 'access-control-allow-origin': ['https://b.example'] }, expected, []), [
      'response header access-control-allow-origin: expected "https://a.example" or "*", got "https://b.example"',
      'response header access-control-allow-headers: expected "*" or the list [x-1, x-2] in any order, got (absent)',
    ]);
  });

  it('finds names case-insensitively and reports headers that must be absent', () => {
    assert.deepEqual(texts({ 'x-one': ['1'], 'x-gone': ['here'] }, { 'X-One': ['1'] }, ['X-Gone']), ['response header X-Gone: expected (absent), got "here"']);
  });
});
