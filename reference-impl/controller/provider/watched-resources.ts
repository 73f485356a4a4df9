// The kinds the controller watches, with the list call and watch path of each. Deployments are
// narrowed to the ones we manage; Services are all watched because routes reference any of them, Secrets
// because listeners do (of any type: a listener naming one of the wrong type must be told so), and ConfigMaps
// because client certificate validation and BackendTLSPolicies name CA certificates in them.
import {
  ApiextensionsV1Api,
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  DiscoveryV1Api,
  type KubeConfig,
  type KubernetesListObject,
  type KubernetesObject,
} from '@kubernetes/client-node';
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE } from '../infra/infra-names.ts';
import { GATEWAY_API_GROUP } from '../translator/gateway-api-names.ts';

export type ResourceName =
  | 'gatewayClasses'
  | 'gateways'
  | 'httpRoutes'
  | 'grpcRoutes'
  | 'tlsRoutes'
  | 'tcpRoutes'
  | 'udpRoutes'
  | 'listenerSets'
  | 'referenceGrants'
  | 'services'
  | 'endpointSlices'
  | 'namespaces'
  | 'secrets'
  | 'configMaps'
  | 'backendTlsPolicies'
  | 'proxyDeployments'
  | 'customResourceDefinitions';

export interface WatchedResource {
  name: ResourceName;
  /** For log lines: what is being watched. */
  description: string;
  path: string;
  labelSelector?: string;
  list: () => Promise<KubernetesListObject<KubernetesObject>>;
}

export const MANAGED_SELECTOR = `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}`;

export function watchedResources(config: KubeConfig): WatchedResource[] {
  const custom = config.makeApiClient(CustomObjectsApi);
  const core = config.makeApiClient(CoreV1Api);
  const discovery = config.makeApiClient(DiscoveryV1Api);
  const apps = config.makeApiClient(AppsV1Api);
  const apiextensions = config.makeApiClient(ApiextensionsV1Api);
  const customList = (version: string, resourcePlural: string) => () =>
    custom.listCustomObjectForAllNamespaces({ group: GATEWAY_API_GROUP, version, resourcePlural }) as Promise<KubernetesListObject<KubernetesObject>>;
  return [
    {
      name: 'gatewayClasses',
      description: 'GatewayClasses (gateway.networking.k8s.io/v1)',
      path: `/apis/${GATEWAY_API_GROUP}/v1/gatewayclasses`,
      list: () => custom.listClusterCustomObject({ group: GATEWAY_API_GROUP, version: 'v1', plural: 'gatewayclasses' }) as Promise<KubernetesListObject<KubernetesObject>>,
    },
    { name: 'gateways', description: 'Gateways (gateway.networking.k8s.io/v1)', path: `/apis/${GATEWAY_API_GROUP}/v1/gateways`, list: customList('v1', 'gateways') },
    { name: 'httpRoutes', description: 'HTTPRoutes (gateway.networking.k8s.io/v1)', path: `/apis/${GATEWAY_API_GROUP}/v1/httproutes`, list: customList('v1', 'httproutes') },
    { name: 'grpcRoutes', description: 'GRPCRoutes (gateway.networking.k8s.io/v1)', path: `/apis/${GATEWAY_API_GROUP}/v1/grpcroutes`, list: customList('v1', 'grpcroutes') },
    { name: 'tlsRoutes', description: 'TLSRoutes (gateway.networking.k8s.io/v1)', path: `/apis/${GATEWAY_API_GROUP}/v1/tlsroutes`, list: customList('v1', 'tlsroutes') },
    { name: 'tcpRoutes', description: 'TCPRoutes (gateway.networking.k8s.io/v1)', path: `/apis/${GATEWAY_API_GROUP}/v1/tcproutes`, list: customList('v1', 'tcproutes') },
    { name: 'udpRoutes', description: 'UDPRoutes (gateway.networking.k8s.io/v1)', path: `/apis/${GATEWAY_API_GROUP}/v1/udproutes`, list: customList('v1', 'udproutes') },
    { name: 'listenerSets', description: 'ListenerSets (gateway.networking.k8s.io/v1)', path: `/apis/${GATEWAY_API_GROUP}/v1/listenersets`, list: customList('v1', 'listenersets') },
    {
      name: 'referenceGrants',
      description: 'ReferenceGrants (gateway.networking.k8s.io/v1beta1)',
      path: `/apis/${GATEWAY_API_GROUP}/v1beta1/referencegrants`,
      list: customList('v1beta1', 'referencegrants'),
    },
    { name: 'services', description: 'Services', path: '/api/v1/services', list: () => core.listServiceForAllNamespaces() },
    {
      name: 'endpointSlices',
      description: 'EndpointSlices (discovery.k8s.io/v1)',
      path: '/apis/discovery.k8s.io/v1/endpointslices',
      list: () => discovery.listEndpointSliceForAllNamespaces(),
    },
    { name: 'namespaces', description: 'Namespaces', path: '/api/v1/namespaces', list: () => core.listNamespace() },
    // The certificates of HTTPS listeners and of TLS listeners in Terminate mode: a Secret created, changed or deleted re-translates its Gateways.
    { name: 'secrets', description: 'Secrets', path: '/api/v1/secrets', list: () => core.listSecretForAllNamespaces() },
    // The CA certificates of client certificate validation and of BackendTLSPolicies.
    { name: 'configMaps', description: 'ConfigMaps', path: '/api/v1/configmaps', list: () => core.listConfigMapForAllNamespaces() },
    {
      name: 'backendTlsPolicies',
      description: 'BackendTLSPolicies (gateway.networking.k8s.io/v1)',
      path: `/apis/${GATEWAY_API_GROUP}/v1/backendtlspolicies`,
      list: customList('v1', 'backendtlspolicies'),
    },
    {
      name: 'proxyDeployments',
      description: `Deployments labelled ${MANAGED_SELECTOR}`,
      path: '/apis/apps/v1/deployments',
      labelSelector: MANAGED_SELECTOR,
      list: () => apps.listDeploymentForAllNamespaces({ labelSelector: MANAGED_SELECTOR }),
    },
    {
      // For the GatewayClass SupportedVersion condition: the Gateway API release is an annotation of its CRDs.
      name: 'customResourceDefinitions',
      description: 'CustomResourceDefinitions (apiextensions.k8s.io/v1)',
      path: '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
      list: () => apiextensions.listCustomResourceDefinition(),
    },
  ];
}
