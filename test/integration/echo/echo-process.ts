// Runs an echo entry script as the local runtime does (a child process with the pod's env) and collects
// its output lines, so tests can wait for a log line and read what the process wrote.

import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { eventually } from '../../support/eventually.ts';

export interface EchoProcess {
  child: ChildProcess;
  /** Every stdout and stderr line so far. */
  lines(): string[];
  /** The first JSON log line whose `msg` is (or matches) `msg` and that satisfies `match`; waits up to 10 s. */
  waitForLog(msg: string | RegExp, match?: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  exitCode(): Promise<number | null>;
  stop(): Promise<number | null>;
}

export function scriptPath(relativeToRepository: string): string {
  return fileURLToPath(new URL(`../../../${relativeToRepository}`, import.meta.url));
}

export function startEchoProcess(script: string, env: Record<string, string>, args: string[] = []): EchoProcess {
  const child = spawn(process.execPath, [scriptPath(script), ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout?.on('data', (c: Buffer) => {
    text += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    text += c.toString();
  });
  const lines = (): string[] => text.split('\n').filter((line) => line !== '');
  const exitCode = async (): Promise<number | null> => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    const [code] = (await once(child, 'exit')) as [number | null];
    return code;
  };
  return {
    child,
    lines,
    exitCode,
    waitForLog: (msg, match = () => true) =>
      eventually(`a "${msg}" log line from ${script}; output so far:\n${text}`, () =>
        lines()
          .flatMap((line) => (line.startsWith('{') ? [JSON.parse(line) as Record<string, unknown>] : []))
          .find((line) => (typeof msg === 'string' ? line.msg === msg : msg.test(String(line.msg))) && match(line)),
      ),
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exitCode();
    },
  };
}
