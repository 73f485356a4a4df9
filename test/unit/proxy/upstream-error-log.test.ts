import assert from 'node:assert/strict';
import type { Logger } from 'pino';
import { UpstreamErrorLog } from '../../../reference-impl/proxy/upstream/upstream-error-log.ts';

function refused(): Error {
  return Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
}

describe('UpstreamErrorLog', () => {
  let clock = 0;
  let lines: { fields: Record<string, unknown>; message: string }[] = [];
  const logger = { warn: (fields: Record<string, unknown>, message: string) => lines.push({ fields, message }) } as unknown as Logger;
  const fresh = () => {
    clock = 0;
    lines = [];
    return new UpstreamErrorLog(logger, { intervalMs: 1000, now: () => clock });
  };

  it('logs the first failure of a rule and upstream, then counts repeats until the interval has passed', () => {
    const log = fresh();
    for (let i = 0; i < 4; i++) log.report({ ruleId: 'ns/r/rule/0/match/0', upstream: '127.0.0.9:80', status: 503, error: refused() });
    assert.equal(lines.length, 1);
    assert.deepEqual(lines[0]?.fields, { ruleId: 'ns/r/rule/0/match/0', upstream: '127.0.0.9:80', status: 503, code: 'ECONNREFUSED' });
    clock = 1000;
    log.report({ ruleId: 'ns/r/rule/0/match/0', upstream: '127.0.0.9:80', status: 503, error: refused() });
    assert.equal(lines.length, 2);
    assert.equal(lines[1]?.fields.repeatedSinceLastLog, 3);
  });

  it('logs each rule, upstream and error code on its own', () => {
    const log = fresh();
    log.report({ ruleId: 'a', upstream: 'u:1', status: 503, error: refused() });
    log.report({ ruleId: 'b', upstream: 'u:1', status: 503, error: refused() });
    log.report({ ruleId: 'a', upstream: 'u:2', status: 503, error: refused() });
    log.report({ ruleId: 'a', upstream: 'u:1', status: 0, error: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
    assert.deepEqual(
      lines.map((line) => `${line.fields.ruleId} ${line.fields.upstream} ${line.fields.code}`),
      ['a u:1 ECONNREFUSED', 'b u:1 ECONNREFUSED', 'a u:2 ECONNREFUSED', 'a u:1 UND_ERR_SOCKET'],
    );
    assert.match(lines[3]?.message ?? '', /broke the response mid-way/);
  });
});
