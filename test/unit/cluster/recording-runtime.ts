// A NodeRuntime that starts nothing: it records every call a provider makes (what, in what order, with which
// options) and answers commands from a table, so a start-up sequence can be compared with a recorded one.
import type { ExecOutcome, NodeContainerSpec, NodeRuntime, StartedNode } from '../../../harness/cluster/containers/node-runtime.ts';

export type RecordedCall = Record<string, unknown> & { call: string };

export interface RecordingRuntime extends NodeRuntime {
  readonly calls: RecordedCall[];
}

/** Specs hold a RegExp: recorded as its source so the recording is plain data. */
function plainSpec(spec: NodeContainerSpec): Record<string, unknown> {
  return { ...spec, waitForLog: spec.waitForLog.source };
}

export function recordingRuntime(options: { cgroupVersion: '1' | '2'; answers: Record<string, Partial<ExecOutcome>> }): RecordingRuntime {
  const calls: RecordedCall[] = [];
  const node = (name: string): StartedNode => ({
    name,
    async exec(command) {
      calls.push({ call: 'exec', node: name, command });
      const answer = options.answers[command.join(' ')] ?? {};
      return { exitCode: answer.exitCode ?? 0, stdout: answer.stdout ?? '', stderr: answer.stderr ?? '' };
    },
    async writeFile(path, content) {
      calls.push({ call: 'writeFile', node: name, path, content });
    },
    async copyFile(source, target) {
      calls.push({ call: 'copyFile', node: name, source, target });
    },
    endpoint(port) {
      calls.push({ call: 'endpoint', node: name, port });
      return { host: 'localhost', port: 32768 };
    },
    ipAddress(network) {
      calls.push({ call: 'ipAddress', node: name, network });
      return '172.18.0.2';
    },
    logs: async () => '',
    async stop() {
      calls.push({ call: 'stop', node: name });
    },
  });
  return {
    calls,
    async cgroupVersion() {
      calls.push({ call: 'cgroupVersion' });
      return options.cgroupVersion;
    },
    async createNetwork({ autoCleanup }) {
      calls.push({ call: 'createNetwork', autoCleanup });
      return {
        name: 'gauntlet-net',
        subnet: '172.18.0.0/16',
        remove: async () => {
          calls.push({ call: 'removeNetwork', network: 'gauntlet-net' });
        },
      };
    },
    async startNode(spec) {
      calls.push({ call: 'startNode', spec: plainSpec(spec) });
      return node(spec.name);
    },
    async saveImages(images, archive) {
      calls.push({ call: 'saveImages', images: [...images], archive });
    },
  };
}
