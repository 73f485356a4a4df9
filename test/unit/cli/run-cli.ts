// Runs the `gauntlet` command as a user does (a Node process, bounded in time) and collects what it printed.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const gauntlet = fileURLToPath(new URL('../../../harness/cli/gauntlet.ts', import.meta.url));

export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [gauntlet, ...args], { cwd: options.cwd, env: options.env ?? process.env, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: typeof error?.code === 'number' ? error.code : error ? -1 : 0, stdout, stderr });
    });
  });
}
