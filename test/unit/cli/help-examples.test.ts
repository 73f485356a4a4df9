// Every command's --help ends with examples to copy.
import assert from 'node:assert/strict';
import { runCli } from './run-cli.ts';

const commands = [[], ['run'], ['up'], ['down'], ['status'], ['compare'], ['scenario'], ['scenario', 'lint'], ['scenario', 'new'], ['grpc-call']];

describe('gauntlet --help', function () {
  this.timeout(60_000);
  for (const command of commands) {
    it(`gauntlet ${[...command, '--help'].join(' ')} shows examples`, async () => {
      const result = await runCli([...command, '--help']);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /\nExamples:\n {2}\$ .*\bgauntlet \S/);
    });
  }
});
