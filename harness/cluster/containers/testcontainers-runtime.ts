// The NodeRuntime over testcontainers: node containers through GenericContainer (with the few host options it
// has no builder method for: cgroup namespace, no init, a tty, a restart policy, anonymous volumes), networks,
// images saved through the engine's API. Containers and networks carry testcontainers' session label unless
// kept, so its reaper (Ryuk) removes them when the harness ends, also on Ctrl-C and when it is killed.
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { GenericContainer, getContainerRuntimeClient, Network, type StartedTestContainer, Wait } from 'testcontainers';
import type { NodeContainerSpec, NodeRuntime, StartedNode } from './node-runtime.ts';

class NodeContainer extends GenericContainer {
  constructor(spec: NodeContainerSpec) {
    super(spec.image);
    // Not in dockerode's types, in the Engine API since 1.41 (what `docker run --cgroupns` sets).
    Object.assign(this.hostConfig, { CgroupnsMode: spec.cgroupns });
    this.hostConfig.Init = spec.init;
    const [policy, retries] = spec.restart.split(':');
    this.hostConfig.RestartPolicy = { Name: policy ?? 'no', MaximumRetryCount: Number(retries ?? 0) };
    this.createOpts.Tty = spec.tty;
    this.createOpts.Volumes = Object.fromEntries(spec.volumes.map((path) => [path, {}]));
  }
}

function startedNode(name: string, container: StartedTestContainer): StartedNode {
  return {
    name,
    exec: async (command) => {
      const result = await container.exec(command);
      return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr };
    },
    writeFile: (path, content) => container.copyContentToContainer([{ content, target: path }]),
    copyFile: (source, target) => container.copyFilesToContainer([{ source, target }]),
    endpoint: (port) => ({ host: container.getHost(), port: container.getMappedPort(port) }),
    ipAddress: (network) => container.getIpAddress(network),
    logs: async () => {
      const chunks: Buffer[] = [];
      const stream = await container.logs();
      await new Promise<void>((resolve) => {
        stream.on('data', (chunk: Buffer | string) => chunks.push(Buffer.from(chunk)));
        // A running container's log stream stays open: what is there now is enough.
        setTimeout(resolve, 500);
        stream.on('end', resolve);
      });
      stream.destroy();
      return Buffer.concat(chunks).toString('utf8');
    },
    stop: async () => {
      await container.stop({ remove: true, removeVolumes: true });
    },
  };
}

export function testcontainersRuntime(): NodeRuntime {
  return {
    async cgroupVersion() {
      const client = await getContainerRuntimeClient();
      const info = (await client.container.dockerode.info()) as { CgroupVersion?: string };
      return info.CgroupVersion === '2' ? '2' : '1';
    },
    async createNetwork({ autoCleanup }) {
      const client = await getContainerRuntimeClient();
      if (autoCleanup) {
        const started = await new Network().start();
        const inspect = (await client.container.dockerode.getNetwork(started.getId()).inspect()) as { IPAM?: { Config?: { Subnet?: string }[] } };
        return { name: started.getName(), subnet: ipv4Subnet(inspect), remove: async () => void (await started.stop()) };
      }
      // Kept (--keep): created without the session label, so the reaper leaves it.
      const name = `gauntlet-${Date.now().toString(36)}`;
      const network = await client.network.create({ Name: name, CheckDuplicate: true, Labels: { 'dev.gauntlet.kept': 'true' } });
      const inspect = (await network.inspect()) as { IPAM?: { Config?: { Subnet?: string }[] } };
      return { name, subnet: ipv4Subnet(inspect), remove: async () => void (await network.remove()) };
    },
    async startNode(spec) {
      let builder = new NodeContainer(spec)
        .withName(spec.name)
        .withHostname(spec.name)
        .withLabels(spec.labels)
        .withEnvironment(spec.env)
        .withSecurityOpt(...spec.securityOpt)
        .withTmpFs(spec.tmpfs)
        .withBindMounts(spec.bindMounts)
        .withExposedPorts(...spec.exposedPorts)
        .withNetworkMode(spec.network)
        .withWaitStrategy(Wait.forLogMessage(spec.waitForLog))
        .withStartupTimeout(spec.startupTimeoutMs)
        .withAutoCleanup(spec.autoCleanup)
        .withCopyFilesToContainer(spec.filesBeforeStart);
      if (spec.privileged) builder = builder.withPrivilegedMode();
      if (spec.command) builder = builder.withCommand(spec.command);
      return startedNode(spec.name, await builder.start());
    },
    async saveImages(images, archive) {
      const client = await getContainerRuntimeClient();
      // GET /images/get?names=...: one archive of several images (dockerode has it, its types do not).
      const dockerode = client.container.dockerode as unknown as { getImages(options: { names: string[] }): Promise<NodeJS.ReadableStream> };
      const stream = await dockerode.getImages({ names: [...images] });
      await pipeline(stream, createWriteStream(archive));
    },
  };
}

function ipv4Subnet(inspect: { IPAM?: { Config?: { Subnet?: string }[] } }): string {
  const subnet = inspect.IPAM?.Config?.map((config) => config.Subnet).find((value) => value?.includes('.'));
  if (!subnet) throw new Error('the container network has no IPv4 subnet: Gateway addresses are allocated from it');
  return subnet;
}
