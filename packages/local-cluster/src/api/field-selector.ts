// Field selectors (`?fieldSelector=metadata.name=x,status.phase!=Running`): equality on dotted field
// paths. The real server allows a fixed set of fields per kind; here any dotted path to a scalar works,
// metadata.name and metadata.namespace being what clients (kubectl wait, informers) actually send.

import { badRequest } from '../store/api-error.ts';
import type { KubeObject } from '../store/object-store-contract.ts';

export interface FieldRequirement {
  path: string[];
  negate: boolean;
  value: string;
}

const FIELD_REQUIREMENT = /^([A-Za-z0-9_.]+)\s*(==|=|!=)\s*(.*)$/;

export function parseFieldSelector(selector: string): FieldRequirement[] {
  return selector
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((text) => {
      const match = FIELD_REQUIREMENT.exec(text);
      if (!match?.[1] || match[3] === undefined) {
        throw badRequest(`invalid fieldSelector requirement "${text}": use field=value or field!=value`);
      }
      return { path: match[1].split('.'), negate: match[2] === '!=', value: match[3] };
    });
}

export function matchesFields(requirements: FieldRequirement[], object: KubeObject): boolean {
  return requirements.every((r) => (fieldValue(object, r.path) === r.value) !== r.negate);
}

function fieldValue(object: KubeObject, path: string[]): string {
  let node: unknown = object;
  for (const segment of path) {
    if (typeof node !== 'object' || node === null) return '';
    node = (node as Record<string, unknown>)[segment];
  }
  return typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean' ? String(node) : '';
}
