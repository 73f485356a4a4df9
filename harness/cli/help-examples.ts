// Every command's --help ends with examples: the fastest way to learn a command is a line to copy.
//
//   withExamples(command, [[commandLine, what it does], ...]): the same command
import type { Command } from 'commander';

export function withExamples(command: Command, examples: readonly (readonly [string, string])[]): Command {
  const lines = examples.map(([line, what]) => `  $ ${line}\n      ${what}`);
  return command.addHelpText('after', `\nExamples:\n${lines.join('\n')}\n`);
}
