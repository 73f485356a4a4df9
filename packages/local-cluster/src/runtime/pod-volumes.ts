// A pod's volumes on this host, laid out as kubelet lays them out under /var/lib/kubelet/pods/<uid>:
// `<podDir>/volumes/<plugin>/<volume>/` holds each volume's files, and each container gets a directory
// standing for its `/`, `<podDir>/containers/<container>/root`, where every volumeMount's mountPath is a
// symbolic link to its volume (or to the volume's subPath). Links, not copies, so that containers mounting
// one emptyDir share it. The process learns its root from LOCAL_CLUSTER_POD_ROOT: a program reading a file
// its manifest names by absolute path (the echo's TLS_SERVER_CERT=/etc/secret-volume/crt) reads it there.
import { chmodSync, existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expandReferences } from './container-env.ts';
import type { Container, Volume } from './kube-shapes.ts';
import { relativePathProblem, type VolumeFile, type VolumeObjectLookups, volumePayload } from './volume-payload.ts';

/** The environment variable naming a container's root directory. */
export const POD_ROOT_ENV = 'LOCAL_CLUSTER_POD_ROOT';

export interface MountFailure {
  volume: string;
  /** kubelet's wording, after `MountVolume.SetUp failed for volume "<volume>" : `. */
  message: string;
}

export type ContainerRoot = { root: string } | { message: string };

export class PodVolumes {
  readonly #podDir: string;
  /** Volumes laid out so far: name -> directory. */
  readonly #ready = new Map<string, string>();

  constructor(podDir: string) {
    this.#podDir = podDir;
  }

  /** Lays out every volume not laid out yet; returns those that cannot be yet (kubelet retries them). */
  setUp(volumes: readonly Volume[], lookups: VolumeObjectLookups): MountFailure[] {
    const failures: MountFailure[] = [];
    for (const volume of volumes) {
      if (this.#ready.has(volume.name)) continue;
      const payload = volumePayload(volume, lookups);
      if (!payload.ok) {
        failures.push({ volume: volume.name, message: payload.message });
        continue;
      }
      const dir = path.join(this.#podDir, 'volumes', payload.plugin, volume.name);
      writeVolume(dir, payload.files);
      this.#ready.set(volume.name, dir);
    }
    return failures;
  }

  /**
   * A fresh root for `container` with its volumeMounts in place, or why they cannot be made (kubelet's
   * CreateContainerConfigError). `env` is the container's resolved environment, for subPathExpr.
   */
  rootFor(container: Container, env: Record<string, string>): ContainerRoot {
    const root = path.join(this.#podDir, 'containers', container.name, 'root');
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    const mounts = container.volumeMounts ?? [];
    const targets = mounts.map((mount) => path.posix.normalize(path.posix.join('/', mount.mountPath)).replace(/(.)\/+$/, '$1'));
    for (const [index, mount] of mounts.entries()) {
      const target = targets[index] ?? '/';
      const problem = placementProblem(target, targets, index);
      if (problem) return { message: `volumeMount "${mount.name}" of container "${container.name}": ${problem}` };
      const volumeDir = this.#ready.get(mount.name);
      if (!volumeDir) return { message: `volumeMount "${mount.name}" of container "${container.name}" names no volume of the pod` };
      const subPath = mount.subPathExpr !== undefined ? expandReferences(mount.subPathExpr, env) : (mount.subPath ?? '');
      const subPathProblem = subPath === '' ? undefined : relativePathProblem(subPath);
      if (subPathProblem) {
        return { message: `failed to prepare subPath for volumeMount "${mount.name}" of container "${container.name}": subPath "${subPath}" ${subPathProblem}` };
      }
      const source = subPath === '' ? volumeDir : path.join(volumeDir, subPath);
      // kubelet creates a subPath that does not exist yet as a directory.
      if (!existsSync(source)) mkdirSync(source, { recursive: true });
      const link = path.join(root, target);
      mkdirSync(path.dirname(link), { recursive: true });
      symlinkSync(source, link);
    }
    return { root };
  }

  /** Removes every volume and root: kubelet's cleanup once the pod's containers are gone. */
  tearDown(): void {
    this.#ready.clear();
    rmSync(this.#podDir, { recursive: true, force: true });
  }
}

/** Why a mount cannot go at `target`: the root itself, twice the same path, or inside another mount. */
function placementProblem(target: string, targets: readonly string[], index: number): string | undefined {
  if (target === '/') return 'mountPath "/" would replace the container\'s root';
  for (const [other, otherTarget] of targets.entries()) {
    if (other === index) continue;
    if (otherTarget === target) return `mountPath "${target}" is used by another volumeMount of the container`;
    if (target.startsWith(`${otherTarget}/`)) {
      return `mountPath "${target}" lies inside mountPath "${otherTarget}": the local cluster mounts volumes as symbolic links and cannot nest them; mount them side by side`;
    }
  }
  return undefined;
}

function writeVolume(dir: string, files: readonly VolumeFile[]): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const file of files) {
    const filePath = path.join(dir, file.path);
    mkdirSync(path.dirname(filePath), { recursive: true });
    writeFileSync(filePath, file.data);
    chmodSync(filePath, file.mode & 0o7777); // the mode as asked, whatever the umask
  }
}
