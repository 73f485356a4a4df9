// Runs the real kubectl against a cluster of the tests, with a discovery cache of their own (ports are
// reused between runs; a stale cache would lie).
import { execFile } from 'node:child_process';

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Kubectl {
  /** Resolves with exit code, stdout and stderr (warnings go to stderr). */
  result(args: string[], stdin?: string): Promise<KubectlResult>;
  /** Resolves with stdout; rejects with the output when kubectl fails. */
  run(args: string[], stdin?: string): Promise<string>;
}

export function kubectlFor(kubeconfigPath: string, cacheDir: string): Kubectl {
  const env = { ...process.env, KUBECACHEDIR: cacheDir, KUBECONFIG: kubeconfigPath };
  const result = (args: string[], stdin?: string) =>
    new Promise<KubectlResult>((resolve) => {
      const child = execFile('kubectl', ['--kubeconfig', kubeconfigPath, ...args], { env, timeout: 60_000, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      });
      child.stdin?.end(stdin ?? '');
    });
  return {
    result,
    async run(args, stdin) {
      const outcome = await result(args, stdin);
      if (outcome.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (exit ${outcome.code}): ${outcome.stderr}${outcome.stdout}`);
      return outcome.stdout;
    },
  };
}
