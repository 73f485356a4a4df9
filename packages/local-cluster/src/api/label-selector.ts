// Label selectors as the API server accepts them in `?labelSelector=`: comma-separated requirements
// `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k` (exists) and `!k` (does not exist).

import { badRequest } from '../store/api-error.ts';

export type LabelRequirement =
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | 'doesnotexist' };

const SET_REQUIREMENT = /^([^\s!=(),]+)\s+(in|notin)\s+\(([^()]*)\)$/;
const EQUALITY_REQUIREMENT = /^([^\s!=(),]+)\s*(==|=|!=)\s*([^\s!=(),]*)$/;
const EXISTENCE_REQUIREMENT = /^(!?)\s*([^\s!=(),]+)$/;

export function parseLabelSelector(selector: string): LabelRequirement[] {
  return splitRequirements(selector).map(parseRequirement);
}

export function matchesLabels(requirements: LabelRequirement[], labels: Record<string, string> | undefined): boolean {
  const actual = labels ?? {};
  return requirements.every((r) => {
    const has = Object.hasOwn(actual, r.key);
    switch (r.op) {
      case 'exists':
        return has;
      case 'doesnotexist':
        return !has;
      case 'in':
        return has && r.values.includes(actual[r.key] ?? '');
      case 'notin':
        return !has || !r.values.includes(actual[r.key] ?? '');
      default:
        return false;
    }
  });
}

/** Splits on commas outside parentheses (`a in (x,y),b` is two requirements). */
function splitRequirements(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

function parseRequirement(text: string): LabelRequirement {
  const set = SET_REQUIREMENT.exec(text);
  if (set?.[1] && set[3] !== undefined) {
    const values = set[3].split(',').map((v) => v.trim()).filter((v) => v !== '');
    return { key: set[1], op: set[2] === 'in' ? 'in' : 'notin', values };
  }
  const equality = EQUALITY_REQUIREMENT.exec(text);
  if (equality?.[1] && equality[3] !== undefined) {
    return { key: equality[1], op: equality[2] === '!=' ? 'notin' : 'in', values: [equality[3]] };
  }
  const existence = EXISTENCE_REQUIREMENT.exec(text);
  if (existence?.[2]) return { key: existence[2], op: existence[1] === '!' ? 'doesnotexist' : 'exists' };
  throw badRequest(
    `unable to parse requirement "${text}" of labelSelector: use key=value, key!=value, key in (a,b), key notin (a,b), key or !key`,
  );
}
