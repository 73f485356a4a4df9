// The GatewayClass of the project's own implementation, installed by a run unless another class is named,
// and the controllerName it names (reference-impl/deploy/install.yaml; a unit test keeps the two in step).
export const REFERENCE_GATEWAY_CLASS = 'gauntlet';
export const REFERENCE_CONTROLLER_NAME = 'gauntlet.dev/gateway-controller';
