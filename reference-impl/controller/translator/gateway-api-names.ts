// Names fixed by the Gateway API specification that several translator steps share.
export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';
export const HTTP_ROUTE_KIND = 'HTTPRoute';
export const CORE_GROUP = '';
