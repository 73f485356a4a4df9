// Name rules of the real API server: most objects are DNS subdomains, Namespaces and Services DNS
// labels (Services must also start with a letter), RBAC objects only avoid path-breaking characters.

import type { StatusCause } from '../store/api-error.ts';
import type { ResourceInfo } from './resource-info.ts';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function nameCauses(info: ResourceInfo, name: string): StatusCause[] {
  if (name === '') return []; // generateName: the store makes the name
  const problem = nameProblem(info, name);
  return problem
    ? [{ field: 'metadata.name', reason: 'FieldValueInvalid', message: `Invalid value: "${name}": ${problem}` }]
    : [];
}

function nameProblem(info: ResourceInfo, name: string): string | undefined {
  if (info.group === 'rbac.authorization.k8s.io') {
    return name === '.' || name === '..' || /[/%]/.test(name) ? 'may not be "." or ".." and may not contain "/" or "%"' : undefined;
  }
  if (info.group === '' && info.resource === 'services') {
    return name.length <= 63 && DNS_1035_LABEL.test(name)
      ? undefined
      : 'a DNS-1035 label must consist of lower case alphanumeric characters or "-", start with an alphabetic character, end with an alphanumeric character and be at most 63 characters';
  }
  if (info.group === '' && info.resource === 'namespaces') {
    return name.length <= 63 && DNS_LABEL.test(name)
      ? undefined
      : 'a lowercase RFC 1123 label must consist of lower case alphanumeric characters or "-", start and end with an alphanumeric character and be at most 63 characters';
  }
  return name.length <= 253 && DNS_SUBDOMAIN.test(name)
    ? undefined
    : 'a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "-" or ".", start and end with an alphanumeric character and be at most 253 characters';
}
