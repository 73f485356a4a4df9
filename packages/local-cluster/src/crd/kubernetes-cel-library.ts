// The Kubernetes CEL library functions the Gateway API CRDs and admission policies use, which no JavaScript
// CEL package ships: `isIP(string)` and the `format.<name>().validate(string)` named formats. A format is
// represented at runtime by its name; `validate` answers null when the value is valid, else the list of
// problems (as Kubernetes' optional list, which the CRDs compare with null). Also the global form of the
// standard `matches(string, regex)` (RE2, as cel-go), which @bufbuild/cel only has as a method.
import { isIP } from 'node:net';
import { type CelFunc, CelScalar, celFunc, celMethod } from '@bufbuild/cel';
import { compileCachedRegex } from './cel-regex-cache.ts';

const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const namedFormats: Record<string, (value: string) => string[]> = {
  dns1123Label: (value) =>
    (value.length <= 63 ? [] : ['must be no more than 63 characters']).concat(
      dns1123Label.test(value) ? [] : ["a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character"],
    ),
  dns1123Subdomain: (value) =>
    (value.length <= 253 ? [] : ['must be no more than 253 characters']).concat(
      dns1123Subdomain.test(value) ? [] : ["a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"],
    ),
};

/** `isIP` accepts IPv4 and IPv6 addresses without zone or prefix, as Kubernetes' library does. */
function isIPAddress(text: string): boolean {
  return !text.includes('%') && isIP(text) !== 0;
}

function formatFunctions(): CelFunc[] {
  return Object.keys(namedFormats).map((name) => celFunc(`format.${name}`, [], CelScalar.STRING, () => name));
}

const validateFormat = celMethod('validate', CelScalar.STRING, [CelScalar.STRING], CelScalar.DYN, function (this: string, value: string) {
  const check = namedFormats[this];
  if (check === undefined) return [`unknown format ${this}`];
  const problems = check(value);
  return problems.length === 0 ? null : problems;
});

export const kubernetesCelFunctions: CelFunc[] = [
  celFunc('isIP', [CelScalar.STRING], CelScalar.BOOL, isIPAddress),
  celFunc('matches', [CelScalar.STRING, CelScalar.STRING], CelScalar.BOOL, (text: string, pattern: string) => compileCachedRegex(pattern).test(text)),
  ...formatFunctions(),
  validateFormat,
];
