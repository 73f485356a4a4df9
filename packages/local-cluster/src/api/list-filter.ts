// The `labelSelector` and `fieldSelector` query parameters, shared by list, watch and deletecollection.

import type { KubeObject } from '../store/object-store-contract.ts';
import { matchesFields, parseFieldSelector } from './field-selector.ts';
import { matchesLabels, parseLabelSelector } from './label-selector.ts';

export type ObjectFilter = (object: KubeObject) => boolean;

export function filterOfQuery(query: URLSearchParams): ObjectFilter {
  const labels = parseLabelSelector(query.get('labelSelector') ?? '');
  const fields = parseFieldSelector(query.get('fieldSelector') ?? '');
  if (labels.length === 0 && fields.length === 0) return () => true;
  return (object) => matchesLabels(labels, object.metadata.labels) && matchesFields(fields, object);
}
