// Runs the `gauntlet` command the way a user does, with a bounded time, and collects its output.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const gauntletEntry = fileURLToPath(new URL('../../harness/cli/gauntlet.ts', import.meta.url));

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runGauntlet(args: string[], options: { cwd: string; timeoutMs: number; env?: NodeJS.ProcessEnv }): Promise<CommandResult> {
  return runCommand(process.execPath, [gauntletEntry, ...args], options);
}

export function runCommand(
  command: string,
  args: string[],
  options: { cwd: string; timeoutMs: number; env?: NodeJS.ProcessEnv },
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} did not finish within ${options.timeoutMs / 1000}s\n${stderr}`));
    }, options.timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Pids of processes whose command line mentions `marker` (used to prove nothing was left running). */
export async function processesMentioning(marker: string): Promise<string[]> {
  const result = await runCommand('ps', ['-eo', 'pid=,args='], { cwd: '/', timeoutMs: 10_000 });
  return result.stdout
    .split('\n')
    .filter((line) => line.includes(marker) && !line.includes(' ps -eo'))
    .map((line) => line.trim());
}
