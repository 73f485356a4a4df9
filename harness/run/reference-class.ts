// The GatewayClass of the project's own implementation, installed by a run unless another class is named.
export const REFERENCE_GATEWAY_CLASS = 'gauntlet';
