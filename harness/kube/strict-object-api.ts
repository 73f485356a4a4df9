// Server-side apply with strict field validation. client-node's generic `patch` cannot ask for
// `fieldValidation=Strict`, and its serializer silently drops fields it does not know on built-in kinds; a
// manifest with a typo would then be applied without it. Here the manifest goes to the server byte for byte,
// and the server names every unknown field.
import { HttpMethod, type KubeConfig, type KubernetesObject, KubernetesObjectApi, PatchStrategy } from '@kubernetes/client-node';

export class StrictObjectApi extends KubernetesObjectApi {
  static fromKubeConfig(config: KubeConfig): StrictObjectApi {
    const api = config.makeApiClient(StrictObjectApi);
    api.setDefaultNamespace(config);
    return api;
  }

  /** `kubectl apply --server-side --force-conflicts --field-manager <manager>` with strict validation. */
  async applyStrict<T extends KubernetesObject>(object: T, fieldManager: string): Promise<T> {
    const path = await this.specUriPath(object, 'patch');
    const request = this.configuration.baseServer.makeRequestContext(path, HttpMethod.PATCH);
    request.setHeaderParam('Accept', 'application/json');
    request.setHeaderParam('Content-Type', PatchStrategy.ServerSideApply);
    request.setQueryParam('fieldManager', fieldManager);
    request.setQueryParam('force', 'true');
    request.setQueryParam('fieldValidation', 'Strict');
    request.setBody(JSON.stringify(object));
    return await this.requestPromise<T>(request);
  }
}
