// Where the Gateway API CRDs come from. Offline machines point GAUNTLET_GATEWAY_API_CRDS at a local copy;
// otherwise a per-user cache holds the release asset, downloaded once.
import { existsSync, statSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export const GATEWAY_API_VERSION = 'v1.6.1';
export const GATEWAY_API_CHANNEL = 'standard';
export const CRDS_ENV_VARIABLE = 'GAUNTLET_GATEWAY_API_CRDS';

export type GatewayApiChannel = 'standard' | 'experimental';

const bundleFileName = (channel: GatewayApiChannel): string => `${channel}-install.yaml`;

export type CrdBundleOrigin = 'environment' | 'cache' | 'download';

export interface CrdBundle {
  path: string;
  origin: CrdBundleOrigin;
  version: string;
  channel: GatewayApiChannel;
}

export class CrdSourceError extends Error {
  readonly code = 'GAUNTLET_CRD_SOURCE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CrdSourceError';
  }
}

export interface CrdSourceOptions {
  /** Runs install the standard channel; the experimental bundle is for tests of the CRDs themselves. */
  channel?: GatewayApiChannel;
  env?: NodeJS.ProcessEnv;
  cacheDir?: string;
  download?: (url: string) => Promise<string>;
}

export function releaseAssetUrl(version: string = GATEWAY_API_VERSION, channel: GatewayApiChannel = GATEWAY_API_CHANNEL): string {
  return `https://github.com/kubernetes-sigs/gateway-api/releases/download/${version}/${bundleFileName(channel)}`;
}

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'gauntlet', 'gateway-api', GATEWAY_API_VERSION);
}

/** The CRD bundle from the environment variable or the cache, without touching the network. */
export function locateGatewayApiCrds(options: CrdSourceOptions = {}): CrdBundle | undefined {
  const env = options.env ?? process.env;
  const channel = options.channel ?? GATEWAY_API_CHANNEL;
  const pinned = { version: GATEWAY_API_VERSION, channel };
  const fromEnv = env[CRDS_ENV_VARIABLE];
  if (fromEnv) return { path: bundleFromEnvironment(fromEnv, channel), origin: 'environment', ...pinned };
  const cached = cachedBundlePath(options, channel);
  return existsSync(cached) ? { path: cached, origin: 'cache', ...pinned } : undefined;
}

/** Resolves the CRD bundle: the environment variable, else the cache, else a download into the cache. */
export async function resolveGatewayApiCrds(options: CrdSourceOptions = {}): Promise<CrdBundle> {
  const located = locateGatewayApiCrds(options);
  if (located) return located;
  const channel = options.channel ?? GATEWAY_API_CHANNEL;
  const cached = cachedBundlePath(options, channel);
  const download = options.download ?? downloadText;
  const url = releaseAssetUrl(GATEWAY_API_VERSION, channel);
  let text: string;
  try {
    text = await download(url);
  } catch (error) {
    throw new CrdSourceError(
      `Cannot download the Gateway API ${GATEWAY_API_VERSION} CRDs from ${url} (${describe(error)}). ` +
        `On a machine without internet, set ${CRDS_ENV_VARIABLE} to a local copy of the release's ` +
        `${bundleFileName(channel)} (or a directory holding it).`,
      { cause: error },
    );
  }
  await mkdir(dirname(cached), { recursive: true });
  const partial = `${cached}.partial`;
  await writeFile(partial, text);
  await rename(partial, cached); // a broken download never poses as a cached bundle
  return { path: cached, origin: 'download', version: GATEWAY_API_VERSION, channel };
}

function cachedBundlePath(options: CrdSourceOptions, channel: GatewayApiChannel): string {
  return join(options.cacheDir ?? defaultCacheDir(options.env ?? process.env), bundleFileName(channel));
}

function bundleFromEnvironment(value: string, channel: GatewayApiChannel): string {
  if (!existsSync(value)) {
    throw new CrdSourceError(
      `${CRDS_ENV_VARIABLE}=${value}: no such file or directory. Point it at a local copy of the release's ` +
        `${bundleFileName(channel)} (or the directory holding it), or unset it to download the CRDs.`,
    );
  }
  if (!statSync(value).isDirectory()) {
    if (channel !== GATEWAY_API_CHANNEL) {
      throw new CrdSourceError(`${CRDS_ENV_VARIABLE}=${value} names one file; the ${channel} bundle needs the directory holding ${bundleFileName(channel)}.`);
    }
    return value;
  }
  const inside = join(value, bundleFileName(channel));
  if (!existsSync(inside)) {
    throw new CrdSourceError(
      `${CRDS_ENV_VARIABLE}=${value} is a directory without ${bundleFileName(channel)}; point it at the file or at the directory holding it.`,
    );
  }
  return inside;
}

async function downloadText(url: string): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return await response.text();
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
  return String(error);
}
