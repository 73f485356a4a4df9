// The base image of the container tests, made here because no image can be pulled: a minimal Debian root
// filesystem from debootstrap (from the machine's own apt sources), Node.js copied in from the project's
// `node` devDependency, then `docker import`. Built once per engine; later runs reuse it.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class BaseImageError extends Error {
  readonly code = 'GAUNTLET_TEST_BASE_IMAGE';
  constructor(message: string) {
    super(message);
    this.name = 'BaseImageError';
  }
}

/** The Debian release of this machine (VERSION_CODENAME), the one its apt sources serve. */
function codename(): string {
  const text = existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '';
  const found = /^VERSION_CODENAME=(\S+)/m.exec(text)?.[1];
  if (!found) throw new BaseImageError('/etc/os-release names no VERSION_CODENAME: the base image needs a Debian host with debootstrap');
  return found;
}

/** The first archive of the machine's apt sources that serves `suite` (deb822 .sources files or sources.list). */
export function aptMirrorFor(suite: string, sourcesTexts: readonly string[]): string | undefined {
  for (const text of sourcesTexts) {
    for (const stanza of text.split(/\n\s*\n/)) {
      const uris = /^URIs:\s*(\S+)/m.exec(stanza)?.[1];
      const suites = /^Suites:\s*(.+)$/m.exec(stanza)?.[1]?.split(/\s+/) ?? [];
      if (uris && suites.includes(suite) && /^Types:.*\bdeb\b/m.test(stanza)) return uris;
    }
    for (const line of text.split('\n')) {
      const words = line.trim().split(/\s+/);
      if (words[0] === 'deb' && words.find((word) => /^\w+:\/\//.test(word)) && words.includes(suite)) return words.find((word) => /^\w+:\/\//.test(word));
    }
  }
  return undefined;
}

function aptSourcesTexts(): string[] {
  const files = ['/etc/apt/sources.list'];
  if (existsSync('/etc/apt/sources.list.d')) {
    files.push(...readdirSync('/etc/apt/sources.list.d').filter((name) => /\.(list|sources)$/.test(name)).map((name) => join('/etc/apt/sources.list.d', name)));
  }
  return files.filter((file) => existsSync(file)).map((file) => readFileSync(file, 'utf8'));
}

function imageExists(image: string): boolean {
  return spawnSync('docker', ['image', 'inspect', image], { stdio: 'ignore' }).status === 0;
}

/** Returns the base image's name, building it first when the engine does not have it. */
export function ensureDebianNodeBaseImage(nodeBinary: string, log: (line: string) => void): string {
  const release = codename();
  const nodeVersion = execFileSync(nodeBinary, ['--version'], { encoding: 'utf8' }).trim();
  const image = `gauntlet-test/debian-node:${release}-${nodeVersion}`;
  if (imageExists(image)) return image;
  const mirror = aptMirrorFor(release, aptSourcesTexts());
  if (!mirror) throw new BaseImageError(`no apt source of this machine serves ${release}: debootstrap has nowhere to fetch from`);
  const root = mkdtempSync(join(tmpdir(), 'gauntlet-rootfs-'));
  try {
    log(`debootstrap --variant=minbase ${release} (from the machine's apt sources), then docker import as ${image}`);
    const bootstrap = spawnSync('debootstrap', ['--variant=minbase', release, root, mirror], { encoding: 'utf8' });
    if (bootstrap.status !== 0) throw new BaseImageError(`debootstrap failed (exit ${bootstrap.status}): ${(bootstrap.stderr || bootstrap.stdout).slice(-2000)}`);
    copyFileSync(nodeBinary, join(root, 'usr/local/bin/node'));
    // What a container never reads: package lists and caches, documentation.
    for (const path of ['var/cache/apt', 'var/lib/apt/lists', 'usr/share/doc', 'usr/share/man', 'usr/share/locale']) {
      rmSync(join(root, path), { recursive: true, force: true });
    }
    const imported = spawnSync('sh', ['-c', 'tar -C "$0" -c . | docker import - "$1"', root, image], { encoding: 'utf8' });
    if (imported.status !== 0) throw new BaseImageError(`docker import failed: ${imported.stderr}`);
    return image;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
