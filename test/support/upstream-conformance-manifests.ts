// Where the tests find upstream's conformance base manifests (conformance/base/manifests.yaml at v1.6.1), which
// the repository never holds: GAUNTLET_UPSTREAM_CONFORMANCE (a gateway-api checkout, a folder holding
// conformance/base/manifests.yaml, or that file), else the cache (~/.cache/gauntlet/gateway-api/v1.6.1/, laid out
// as the repository: conformance/base/manifests.yaml), else a download of the file at the v1.6.1 tag into the
// cache. Without any of them (no internet, as in CI) the answer says why, so a test can report itself skipped.
import { existsSync, statSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { defaultCacheDir, GATEWAY_API_VERSION } from '../../harness/kube/gateway-api-crds.ts';

export const UPSTREAM_CONFORMANCE_VARIABLE = 'GAUNTLET_UPSTREAM_CONFORMANCE';
export const BASE_MANIFESTS_PATH = 'conformance/base/manifests.yaml';

export type UpstreamManifests = { path: string; origin: 'environment' | 'cache' | 'download' } | { unavailable: string };

export interface UpstreamManifestsOptions {
  env?: NodeJS.ProcessEnv;
  cacheDir?: string;
  download?: (url: string) => Promise<string>;
}

export class UpstreamManifestsError extends Error {
  readonly code = 'GAUNTLET_UPSTREAM_CONFORMANCE';
  constructor(message: string) {
    super(message);
    this.name = 'UpstreamManifestsError';
  }
}

export function baseManifestsUrl(version: string = GATEWAY_API_VERSION): string {
  return `https://raw.githubusercontent.com/kubernetes-sigs/gateway-api/${version}/${BASE_MANIFESTS_PATH}`;
}

/** The base manifests' file; a variable naming nothing usable is an error, not a reason to skip. */
export async function locateUpstreamBaseManifests(options: UpstreamManifestsOptions = {}): Promise<UpstreamManifests> {
  const env = options.env ?? process.env;
  const fromEnv = env[UPSTREAM_CONFORMANCE_VARIABLE];
  if (fromEnv) return { path: fileFromVariable(fromEnv), origin: 'environment' };
  const cached = join(options.cacheDir ?? defaultCacheDir(env), BASE_MANIFESTS_PATH);
  if (existsSync(cached)) return { path: cached, origin: 'cache' };
  const url = baseManifestsUrl();
  let text: string;
  try {
    text = await (options.download ?? downloadText)(url);
  } catch (error) {
    return {
      unavailable:
        `upstream's conformance base manifests are not on this machine and cannot be downloaded from ${url} (${describe(error)}): ` +
        `set ${UPSTREAM_CONFORMANCE_VARIABLE} to a gateway-api ${GATEWAY_API_VERSION} checkout, or put the file at ${cached}`,
    };
  }
  await mkdir(dirname(cached), { recursive: true });
  await writeFile(`${cached}.partial`, text);
  await rename(`${cached}.partial`, cached); // a broken download never poses as a cached file
  return { path: cached, origin: 'download' };
}

function fileFromVariable(value: string): string {
  if (!existsSync(value)) throw new UpstreamManifestsError(`${UPSTREAM_CONFORMANCE_VARIABLE}=${value}: no such file or directory`);
  if (!statSync(value).isDirectory()) return value;
  const inside = join(value, BASE_MANIFESTS_PATH);
  if (!existsSync(inside)) {
    throw new UpstreamManifestsError(
      `${UPSTREAM_CONFORMANCE_VARIABLE}=${value} is a directory without ${BASE_MANIFESTS_PATH}: point it at a gateway-api checkout or at the file`,
    );
  }
  return inside;
}

async function downloadText(url: string): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(20_000) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return await response.text();
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
}
