// `gauntlet up`: starts what a run would start (local cluster, CRDs, reference implementation, base fixture)
// in a background process and prints `export KUBECONFIG=<path>` on stdout, so `eval "$(gauntlet up)"` works;
// on stderr, how to reach each Gateway with curl. A second `up` in the same state directory starts nothing:
// it says which process serves it and prints the same export line.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import type { GatewayApiChannel } from '../../kube/gateway-api-crds.ts';
import { gatewayAccessOf } from '../../run/gateway-access.ts';
import { defaultUpStateDir, readUpState, runningUpState, type UpState, upLogFile } from '../../run/up-state.ts';
import { CHANNEL_OPTION_DESCRIPTION, parseChannel } from '../channel-option.ts';
import { withExamples } from '../help-examples.ts';
import { jsonOutput } from '../json-output.ts';

const entryScript = fileURLToPath(new URL('../gauntlet.ts', import.meta.url));

export class UpFailedError extends Error {
  readonly code = 'GAUNTLET_UP_FAILED';
  constructor(message: string) {
    super(message);
    this.name = 'UpFailedError';
  }
}

export function registerUpCommand(program: Command): void {
  const command = program
    .command('up')
    .description('start the local cluster with the reference implementation and base fixture, and leave it running')
    .option('--state-dir <dir>', 'where the cluster keeps its kubeconfig, logs and process records', defaultUpStateDir())
    .option('--gateway-class <name>', 'GatewayClass the base fixture uses', 'gauntlet')
    .option('--channel <channel>', CHANNEL_OPTION_DESCRIPTION, parseChannel, 'standard')
    .option('--timeout <seconds>', 'how long to wait for everything to be ready', '120')
    .option('--json', 'print {"kubeconfig", "pid", "stateDir"} on stdout instead of the export line')
    .action(async (options: { stateDir: string; gatewayClass: string; channel: GatewayApiChannel; timeout: string; json?: boolean }) => {
      if (options.json) jsonOutput.enable();
      const state = await bringUp(options.stateDir, options.gatewayClass, options.channel, Number(options.timeout) * 1000);
      if (options.json) jsonOutput.write({ kubeconfig: state.kubeconfigPath, pid: state.pid, stateDir: options.stateDir });
      else process.stdout.write(`export KUBECONFIG=${state.kubeconfigPath}\n`);
      process.stderr.write(`${await gatewayAccessOf(state.kubeconfigPath)}\n`);
      const stateDirOption = options.stateDir === defaultUpStateDir() ? '' : ` --state-dir ${options.stateDir}`;
      process.stderr.write(`The cluster is up (pid ${state.pid}). Stop it with: gauntlet down${stateDirOption}\n`);
    });
  withExamples(command, [
    ['eval "$(gauntlet up)"', 'start it and set KUBECONFIG in this shell; kubectl get gateways -A then works'],
    ['gauntlet up --channel experimental', 'with the experimental channel CRDs'],
    ['gauntlet up --json | jq -r .kubeconfig', 'the kubeconfig path for a script'],
  ]);
}

async function bringUp(stateDir: string, gatewayClass: string, channel: GatewayApiChannel, timeoutMs: number): Promise<UpState> {
  const deadline = Date.now() + timeoutMs;
  const running = runningUpState(stateDir);
  if (running) {
    process.stderr.write(alreadyRunning(running));
    return running.phase === 'ready' ? running : await awaitReady(stateDir, running.pid, deadline);
  }
  await mkdir(stateDir, { recursive: true });
  const logFile = upLogFile(stateDir);
  const log = openSync(logFile, 'w');
  const child = spawn(process.execPath, [entryScript, 'serve-cluster', '--state-dir', stateDir, '--gateway-class', gatewayClass, '--channel', channel], {
    detached: true,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.unref();
  try {
    return await awaitReady(stateDir, child.pid ?? 0, deadline, logFile, exited);
  } catch (error) {
    // Another `up` won the state directory meanwhile: its cluster is the one.
    const holder = runningUpState(stateDir);
    if (holder && holder.pid !== child.pid) {
      process.stderr.write(alreadyRunning(holder));
      return await awaitReady(stateDir, holder.pid, deadline);
    }
    if (child.pid && runningUpState(stateDir)?.pid === child.pid) process.kill(-child.pid, 'SIGTERM');
    throw error;
  }
}

function alreadyRunning(state: UpState): string {
  const what = state.phase === 'ready' ? `already running (pid ${state.pid}, since ${state.startedAt}); kubeconfig ${state.kubeconfigPath}` : `already starting (pid ${state.pid}); waiting for it`;
  return `gauntlet up: the cluster of this state directory is ${what}\n`;
}

/** Waits until the serving process `pid` records that it is ready; mirrors its log meanwhile when given. */
async function awaitReady(stateDir: string, pid: number, deadline: number, logFile?: string, exited?: Promise<number | null>): Promise<UpState> {
  let exitCode: number | null | undefined;
  void exited?.then((code) => {
    exitCode = code;
  });
  let printed = 0;
  while (Date.now() < deadline) {
    if (logFile) printed = echoNewLogLines(logFile, printed);
    const state = readUpState(stateDir);
    if (state?.pid === pid && state.phase === 'ready') return state;
    if (exitCode !== undefined || (exited === undefined && !runningUpState(stateDir))) {
      throw new UpFailedError(`the cluster process ${pid} exited${exitCode === undefined ? '' : ` (code ${exitCode})`}; its log is ${upLogFile(stateDir)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new UpFailedError(`not ready within the timeout; see ${upLogFile(stateDir)}`);
}

/** Mirrors the background process's progress onto our stderr while we wait. */
function echoNewLogLines(logFile: string, alreadyPrinted: number): number {
  if (!existsSync(logFile)) return alreadyPrinted;
  const text = readFileSync(logFile, 'utf8');
  if (text.length > alreadyPrinted) process.stderr.write(text.slice(alreadyPrinted));
  return text.length;
}
