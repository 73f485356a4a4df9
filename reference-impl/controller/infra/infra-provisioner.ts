// Makes the cluster hold exactly the proxy Deployments and Services the translation asks for:
// creates missing ones, patches those whose owned fields drifted, deletes managed ones no Gateway
// needs any more. Each object's failure is reported and does not stop the others.
import { type KubernetesObject, type KubernetesObjectApi, PatchStrategy } from '@kubernetes/client-node';
import { describeFailure, httpStatusOf } from '../controller-error.ts';
import type { InfraIntent } from '../translator/translation-result.ts';
import { infraName } from './infra-names.ts';
import { ownedFieldsMatch } from './owned-fields.ts';
import { CLEARABLE_SPEC_FIELDS, type ManifestObject, type ProxyManifestOptions, proxyDeployment, proxyService } from './proxy-manifests.ts';

export interface ManagedObjects {
  /** Deployments and Services carrying our managed-by label, as currently observed. */
  deployments: readonly KubernetesObject[];
  services: readonly KubernetesObject[];
}

export interface InfraChange {
  action: 'created' | 'updated' | 'deleted';
  kind: string;
  namespace: string;
  name: string;
}

export interface ReconcileReport {
  changes: InfraChange[];
  errors: Error[];
}

export class InfraProvisioner {
  readonly #api: KubernetesObjectApi;
  readonly #options: ProxyManifestOptions;
  constructor(api: KubernetesObjectApi, options: ProxyManifestOptions) {
    this.#api = api;
    this.#options = options;
  }

  async reconcile(intents: InfraIntent[], observed: ManagedObjects): Promise<ReconcileReport> {
    const report: ReconcileReport = { changes: [], errors: [] };
    const wanted = new Set<string>();
    for (const intent of intents) {
      wanted.add(`${intent.gateway.namespace}/${infraName(intent.gateway.name)}`);
      await this.#ensure(proxyDeployment(intent, this.#options), observed.deployments, report);
      await this.#ensure(proxyService(intent), observed.services, report);
    }
    // Items of typed lists carry no apiVersion/kind: the list they came from says what they are.
    const unwanted = (object: KubernetesObject) => !wanted.has(`${object.metadata?.namespace}/${object.metadata?.name}`);
    for (const object of observed.deployments.filter(unwanted)) await this.#delete(object, { apiVersion: 'apps/v1', kind: 'Deployment' }, report);
    for (const object of observed.services.filter(unwanted)) await this.#delete(object, { apiVersion: 'v1', kind: 'Service' }, report);
    return report;
  }

  async #ensure(desired: ManifestObject, observed: readonly KubernetesObject[], report: ReconcileReport): Promise<void> {
    const { namespace, name } = desired.metadata;
    const current = observed.find((object) => object.metadata?.namespace === namespace && object.metadata?.name === name);
    const where = `${desired.kind} ${namespace}/${name}`;
    try {
      if (!current) {
        await this.#api.create(desired);
        report.changes.push({ action: 'created', kind: desired.kind, namespace, name });
      } else if (!ownedFieldsMatch({ metadata: desired.metadata, spec: desired.spec }, current) || Object.keys(clearedFields(desired, current)).length > 0) {
        // A merge patch leaves absent fields alone: a field we stopped setting is sent as null to clear it.
        const patch = { ...desired, spec: { ...desired.spec, ...clearedFields(desired, current) } };
        await this.#api.patch(patch, undefined, undefined, 'gauntlet-controller', undefined, PatchStrategy.MergePatch);
        report.changes.push({ action: 'updated', kind: desired.kind, namespace, name });
      }
    } catch (error) {
      // 409 on create: it appeared since the snapshot; the next round compares it.
      if (httpStatusOf(error) !== 409) report.errors.push(describeFailure(current ? 'update' : 'create', where, error));
    }
  }

  async #delete(object: KubernetesObject, type: { apiVersion: string; kind: string }, report: ReconcileReport): Promise<void> {
    const namespace = object.metadata?.namespace ?? '';
    const name = object.metadata?.name ?? '';
    const { kind } = type;
    try {
      await this.#api.delete({ ...type, metadata: { name, namespace } }, undefined, undefined, undefined, undefined, 'Background');
      report.changes.push({ action: 'deleted', kind, namespace, name });
    } catch (error) {
      if (httpStatusOf(error) !== 404) report.errors.push(describeFailure('delete', `${kind} ${namespace}/${name}`, error));
    }
  }
}

/** `{ field: null }` for each clearable field the cluster's object has and the desired one no longer sets. */
function clearedFields(desired: ManifestObject, current: KubernetesObject): Record<string, null> {
  const spec = (current as { spec?: Record<string, unknown> }).spec ?? {};
  const stale = (CLEARABLE_SPEC_FIELDS[desired.kind] ?? []).filter((field) => spec[field] !== undefined && desired.spec[field] === undefined);
  return Object.fromEntries(stale.map((field) => [field, null]));
}
