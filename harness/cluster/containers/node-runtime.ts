// What the kind and k3s providers ask of a container engine, and nothing more: the engine's cgroup version,
// a network, a node container started with given options and waited for, commands run in it, files written
// into it, images saved for loading. The providers speak only this interface, so their start-up sequences run
// unchanged against testcontainers (testcontainers-runtime.ts) and against a recorder in unit tests.

export interface BindMount {
  source: string;
  target: string;
  mode: 'ro' | 'rw';
}

/** A node container, as `docker run` would be given it. */
export interface NodeContainerSpec {
  image: string;
  /** Container name and hostname. */
  name: string;
  labels: Record<string, string>;
  env: Record<string, string>;
  privileged: boolean;
  securityOpt: string[];
  tmpfs: Record<string, string>;
  /** Anonymous volumes (`--volume /var`): removed with the container. */
  volumes: string[];
  bindMounts: BindMount[];
  cgroupns: 'private' | 'host';
  tty: boolean;
  /** No docker-init: the image's own entrypoint (systemd) must be PID 1. */
  init: false;
  restart: string;
  exposedPorts: number[];
  network: string;
  /** Started when a log line matches (the node's init reached its target). */
  waitForLog: RegExp;
  startupTimeoutMs: number;
  command?: string[];
  /** Files copied in before the container starts (k3s imports images from its images folder at start). */
  filesBeforeStart: { source: string; target: string }[];
  /** False with --keep: the engine's reaper must not remove it when the harness ends. */
  autoCleanup: boolean;
}

export interface ExecOutcome {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface StartedNode {
  readonly name: string;
  /** Runs a command in the node (no shell unless the command is one). */
  exec(command: string[]): Promise<ExecOutcome>;
  /** Writes text to a file in the node. */
  writeFile(path: string, content: string): Promise<void>;
  /** Copies a file of this host into the node. */
  copyFile(source: string, target: string): Promise<void>;
  /** The host and port where this host reaches a container port. */
  endpoint(port: number): { host: string; port: number };
  ipAddress(network: string): string;
  /** Every log line the container wrote so far. */
  logs(): Promise<string>;
  stop(): Promise<void>;
}

export interface NodeNetwork {
  readonly name: string;
  /** IPv4 subnet in CIDR notation, e.g. 172.18.0.0/16. */
  readonly subnet: string;
  remove(): Promise<void>;
}

export interface NodeRuntime {
  cgroupVersion(): Promise<'1' | '2'>;
  createNetwork(options: { autoCleanup: boolean }): Promise<NodeNetwork>;
  startNode(spec: NodeContainerSpec): Promise<StartedNode>;
  /** `docker save` of the images into one archive on this host. */
  saveImages(images: readonly string[], archive: string): Promise<void>;
}

export class NodeCommandError extends Error {
  readonly code = 'GAUNTLET_NODE_COMMAND';
  constructor(node: string, command: string[], outcome: ExecOutcome, hint: string) {
    const output = `${outcome.stderr}\n${outcome.stdout}`.trim().split('\n').slice(-20).join('\n');
    super(`${node}: \`${command.join(' ')}\` exited ${outcome.exitCode}; ${hint}\n${output}`);
    this.name = 'NodeCommandError';
  }
}

/** Runs `command` in the node and returns its stdout; a non-zero exit is a NodeCommandError carrying `hint`. */
export async function run(node: StartedNode, command: string[], hint: string): Promise<string> {
  const outcome = await node.exec(command);
  if (outcome.exitCode !== 0) throw new NodeCommandError(node.name, command, outcome, hint);
  return outcome.stdout;
}

export class NodeStartError extends Error {
  readonly code = 'GAUNTLET_NODE_START';
  constructor(provider: string, image: string, flag: string, cause: unknown) {
    super(
      `the ${provider} node did not start from ${image}: ${cause instanceof Error ? cause.message.trim() : String(cause)}; ` +
        `the image must be in the Docker engine or pullable from its registry (docker pull or docker load it, or choose another with ${flag})`,
      { cause },
    );
    this.name = 'NodeStartError';
  }
}
