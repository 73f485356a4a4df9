// `gauntlet up`: starts what a run would start (local cluster, CRDs, reference implementation, base fixture)
// in a background process and prints `export KUBECONFIG=<path>` on stdout, so `eval "$(gauntlet up)"` works.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { clearUpState, defaultUpStateDir, isAlive, readUpState, upLogFile } from '../../run/up-state.ts';

const entryScript = fileURLToPath(new URL('../gauntlet.ts', import.meta.url));

export class UpFailedError extends Error {
  readonly code = 'GAUNTLET_UP_FAILED';
  constructor(message: string) {
    super(message);
    this.name = 'UpFailedError';
  }
}

export function registerUpCommand(program: Command): void {
  program
    .command('up')
    .description('start the local cluster with the reference implementation and base fixture, and leave it running')
    .option('--state-dir <dir>', 'where the cluster keeps its kubeconfig, logs and process records', defaultUpStateDir())
    .option('--gateway-class <name>', 'GatewayClass the base fixture uses', 'gauntlet')
    .option('--timeout <seconds>', 'how long to wait for everything to be ready', '120')
    .action(async (options: { stateDir: string; gatewayClass: string; timeout: string }) => {
      const kubeconfig = await bringUp(options.stateDir, options.gatewayClass, Number(options.timeout) * 1000);
      process.stdout.write(`export KUBECONFIG=${kubeconfig}\n`);
      process.stderr.write(`The cluster is up. Stop it with: gauntlet down${options.stateDir === defaultUpStateDir() ? '' : ` --state-dir ${options.stateDir}`}\n`);
    });
}

async function bringUp(stateDir: string, gatewayClass: string, timeoutMs: number): Promise<string> {
  const running = readUpState(stateDir);
  if (running && isAlive(running.pid)) {
    process.stderr.write(`Already up (pid ${running.pid}).\n`);
    return running.kubeconfigPath;
  }
  await clearUpState(stateDir);
  await mkdir(stateDir, { recursive: true });
  const logFile = upLogFile(stateDir);
  const log = openSync(logFile, 'w');
  const child = spawn(process.execPath, [entryScript, 'serve-cluster', '--state-dir', stateDir, '--gateway-class', gatewayClass], {
    detached: true,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  let exitCode: number | null | undefined;
  child.on('exit', (code) => {
    exitCode = code;
  });
  child.unref();

  const deadline = Date.now() + timeoutMs;
  let printed = 0;
  while (Date.now() < deadline) {
    printed = echoNewLogLines(logFile, printed);
    const state = readUpState(stateDir);
    if (state && state.pid === child.pid) return state.kubeconfigPath;
    if (exitCode !== undefined) throw new UpFailedError(`the cluster process exited (code ${exitCode}); its log is ${logFile}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (child.pid) process.kill(-child.pid, 'SIGTERM');
  throw new UpFailedError(`not ready within ${timeoutMs / 1000}s; see ${logFile}`);
}

/** Mirrors the background process's progress onto our stderr while we wait. */
function echoNewLogLines(logFile: string, alreadyPrinted: number): number {
  if (!existsSync(logFile)) return alreadyPrinted;
  const text = readFileSync(logFile, 'utf8');
  if (text.length > alreadyPrinted) process.stderr.write(text.slice(alreadyPrinted));
  return text.length;
}
