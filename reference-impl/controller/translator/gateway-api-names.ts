// Names fixed by the Gateway API specification that several translator steps share.
export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';
export const HTTP_ROUTE_KIND = 'HTTPRoute';
export const CORE_GROUP = '';

/** The annotation each Gateway API CRD carries with the release it came from (e.g. v1.6.1). */
export const BUNDLE_VERSION_ANNOTATION = `${GATEWAY_API_GROUP}/bundle-version`;
