// Names fixed by the Gateway API specification that several translator steps share. Route kinds are in
// route-kind-catalog.ts; condition types and reasons in condition-names.ts.
export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';
export const CORE_GROUP = '';
export const GATEWAY_KIND = 'Gateway';
export const SERVICE_KIND = 'Service';
export const SECRET_KIND = 'Secret';

/** The annotation each Gateway API CRD carries with the release it came from (e.g. v1.6.1). */
export const BUNDLE_VERSION_ANNOTATION = `${GATEWAY_API_GROUP}/bundle-version`;
