// The controller's settings, read from its environment (see reference-impl/deploy/install.yaml).
import { CONFIG_SERVER_PORT } from '../ir/gateway-ir.ts';
import { DEVIATIONS, type Deviation, isDeviation } from './deviation.ts';
import { DEFAULT_PROXY_IMAGE } from './infra/proxy-manifests.ts';

export const DEFAULT_CONTROLLER_NAME = 'gauntlet.dev/gateway-controller';

export interface ControllerSettings {
  controllerName: string;
  /** Address the config server binds to: the pod's own address when known. */
  listenHost: string;
  listenPort: number;
  /** `host:port` the proxies dial to reach the config server. */
  configServerAddress: string;
  proxyImage: string;
  /** DEVIATE: one deliberate deviation from the specification (deviation.ts), for side-by-side demonstrations. */
  deviation?: Deviation;
}

export class ControllerSettingsError extends Error {
  readonly code = 'GAUNTLET_CONTROLLER_SETTINGS';
  constructor(message: string) {
    super(message);
    this.name = 'ControllerSettingsError';
  }
}

export function readSettings(env: NodeJS.ProcessEnv): ControllerSettings {
  const podIp = env.POD_IP?.trim() || undefined;
  const configServerAddress = env.CONFIG_SERVER_ADDRESS?.trim() || (podIp ? `${podIp}:${CONFIG_SERVER_PORT}` : undefined);
  if (!configServerAddress) {
    throw new ControllerSettingsError(
      'neither POD_IP nor CONFIG_SERVER_ADDRESS is set: proxies would not know where to fetch their configuration; set POD_IP from the pod (fieldRef status.podIP) or CONFIG_SERVER_ADDRESS=host:port',
    );
  }
  const controllerName = env.CONTROLLER_NAME?.trim() || DEFAULT_CONTROLLER_NAME;
  if (!/^[a-z0-9.-]+\/[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/.test(controllerName)) {
    throw new ControllerSettingsError(`CONTROLLER_NAME "${controllerName}" is not a domain-prefixed path such as ${DEFAULT_CONTROLLER_NAME}`);
  }
  const deviation = env.DEVIATE?.trim() || undefined;
  if (deviation !== undefined && !isDeviation(deviation)) {
    throw new ControllerSettingsError(`DEVIATE "${deviation}" is not a known deviation (${DEVIATIONS.join(', ')}); leave it unset to follow the specification`);
  }
  return {
    ...(deviation === undefined ? {} : { deviation }),
    controllerName,
    listenHost: podIp ?? '0.0.0.0',
    listenPort: CONFIG_SERVER_PORT,
    configServerAddress,
    proxyImage: env.PROXY_IMAGE?.trim() || DEFAULT_PROXY_IMAGE,
  };
}
