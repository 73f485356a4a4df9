// Runs a generated k6 script on this machine: with the `k6` binary when it is on PATH, else in the
// grafana/k6 image through testcontainers (host networking, so loopback targets are reachable). Either
// way the summary comes from the markers the script prints on stdout. k6 exits 99 when a threshold
// failed: that is a result, judged by the caller, not a failed run. An aborted signal asks k6 to stop
// (SIGINT to the binary, SIGTERM through the container's stop): k6 ends the test and still prints its summary.
//
//   runK6Script(script, options): Promise<{ summaryText: unknown; output: string }>
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SUMMARY_BEGIN, SUMMARY_END } from './k6-metric-names.ts';
import { summaryFromLog } from './k6-summary.ts';

/** The image used when no k6 binary is on PATH; GAUNTLET_K6_IMAGE overrides it. */
export const DEFAULT_K6_IMAGE = 'grafana/k6:1.0.0';
/** k6's exit code when thresholds were crossed. */
const THRESHOLDS_FAILED = 99;

export class K6RunError extends Error {
  readonly code = 'GAUNTLET_K6_RUN';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'K6RunError';
  }
}

export function k6OnPath(): boolean {
  return spawnSync('k6', ['version']).error === undefined;
}

function runBinary(dir: string, timeoutMs: number, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const proc = spawn('k6', ['run', '--quiet', 'script.ts'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    proc.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const killer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
    const interrupt = () => proc.kill('SIGINT');
    signal?.addEventListener('abort', interrupt, { once: true });
    proc.once('exit', () => signal?.removeEventListener('abort', interrupt));
    proc.once('error', (error) => reject(new K6RunError(`k6 could not start: ${error.message}`, { cause: error })));
    proc.once('exit', (code) => {
      clearTimeout(killer);
      if (code === 0 || code === THRESHOLDS_FAILED) resolve(output);
      else reject(new K6RunError(`k6 exited with ${code}: ${output.trim().slice(-2000)}`));
    });
  });
}

async function runContainer(dir: string, timeoutMs: number, signal?: AbortSignal): Promise<string> {
  let testcontainers: typeof import('testcontainers');
  try {
    testcontainers = await import('testcontainers');
  } catch (error) {
    throw new K6RunError('k6 is not on PATH and testcontainers cannot be loaded: install k6 (https://grafana.com/docs/k6/latest/set-up/install-k6/) or run npm ci', { cause: error });
  }
  const { GenericContainer, Wait } = testcontainers;
  const image = process.env.GAUNTLET_K6_IMAGE || DEFAULT_K6_IMAGE;
  let container: Awaited<ReturnType<InstanceType<typeof GenericContainer>['start']>>;
  try {
    container = await new GenericContainer(image)
      .withNetworkMode('host')
      .withCopyFilesToContainer([{ source: join(dir, 'script.ts'), target: '/home/k6/script.ts' }])
      .withCommand(['run', '--quiet', '/home/k6/script.ts'])
      .withWaitStrategy(Wait.forLogMessage(SUMMARY_END))
      .withStartupTimeout(timeoutMs)
      .start();
  } catch (error) {
    throw new K6RunError(`k6 is not on PATH and the ${image} container did not run: ${(error as Error).message}; install k6, or make Docker available to testcontainers`, { cause: error });
  }
  const interrupt = () => void container.stop({ timeout: 10_000 }).catch(() => {});
  signal?.addEventListener('abort', interrupt, { once: true });
  try {
    const stream = await container.logs();
    let output = '';
    await new Promise<void>((resolve, reject) => {
      stream.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes(SUMMARY_END)) resolve();
      });
      stream.once('end', () => resolve());
      stream.once('error', reject);
    });
    return output;
  } finally {
    signal?.removeEventListener('abort', interrupt);
    await container.stop().catch((error: unknown) => {
      if (!signal?.aborted) throw error;
    });
  }
}

export async function runK6Script(script: string, options: { durationSeconds: number; signal?: AbortSignal }): Promise<{ summary: unknown; output: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'gauntlet-k6-'));
  try {
    await writeFile(join(dir, 'script.ts'), script);
    const timeoutMs = (options.durationSeconds + 120) * 1000;
    const output = k6OnPath() ? await runBinary(dir, timeoutMs, options.signal) : await runContainer(dir, timeoutMs, options.signal);
    return { summary: summaryFromLog(output, 'k6 output', { begin: SUMMARY_BEGIN, end: SUMMARY_END }), output };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
