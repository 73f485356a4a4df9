// Real-world CRDs for the tests: the Gateway API release bundles (standard and experimental channels), the
// largest CRDs with the most CEL rules in common use. The package does not download them: they come from
// the folder named by GAUNTLET_GATEWAY_API_CRDS (holding `<channel>-install.yaml`), else from Gauntlet's
// cache (~/.cache/gauntlet/gateway-api/v1.6.1/), which Gauntlet's own test setup fills when online.
import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export type GatewayApiChannel = 'standard' | 'experimental';

const VERSION = 'v1.6.1';
const VARIABLE = 'GAUNTLET_GATEWAY_API_CRDS';

export class MissingTestBundleError extends Error {
  readonly code = 'LOCAL_CLUSTER_TEST_BUNDLE_MISSING';
  constructor(channel: GatewayApiChannel, looked: string[]) {
    super(
      `the Gateway API ${VERSION} ${channel} CRD bundle is missing (looked in ${looked.join(', ')}): set ${VARIABLE} to a ` +
        `folder holding ${channel}-install.yaml, or run Gauntlet's own tests once online to fill the cache`,
    );
    this.name = 'MissingTestBundleError';
  }
}

/** The path of the `<channel>-install.yaml` bundle; throws naming where it looked. */
export function gatewayApiBundlePath(channel: GatewayApiChannel = 'standard'): string {
  const file = `${channel}-install.yaml`;
  const candidates: string[] = [];
  const fromEnv = process.env[VARIABLE];
  if (fromEnv) candidates.push(existsSync(fromEnv) && statSync(fromEnv).isFile() ? join(dirname(fromEnv), file) : join(fromEnv, file));
  candidates.push(join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'gauntlet', 'gateway-api', VERSION, file));
  const found = candidates.find((candidate) => existsSync(candidate));
  if (found === undefined) throw new MissingTestBundleError(channel, candidates);
  return found;
}
