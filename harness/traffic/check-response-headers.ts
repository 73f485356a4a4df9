// Response headers against their acceptable values. A value is exact text (field lines received several
// times are joined by commas, as upstream compares them; "a, b" is accepted too), or `{ list }`: the field's
// comma-separated elements, from every line, must be exactly the listed ones in any order, spaces around
// commas ignored (RFC 9110 list syntax; what upstream's ValidHeaderValues with IgnoreWhitespace allows, for
// headers such as Access-Control-Allow-Methods whose order the specification leaves open). Several values:
// any one of them will do.
//
//   checkResponseHeaders(headers, expected, absent): Mismatch[]
import type { HeaderValueForm } from '../scenario/scenario-types.ts';
import { checkHeaderSet, headerValues, type Mismatch, mismatch } from './mismatch.ts';

function listElements(values: readonly string[]): string[] {
  return values
    .flatMap((value) => value.split(','))
    .map((element) => element.trim())
    .filter((element) => element !== '');
}

export function headerValueMatches(form: HeaderValueForm, values: readonly string[]): boolean {
  if (typeof form === 'string') return values.join(',') === form || values.join(', ') === form;
  const got = listElements(values).sort();
  const want = form.list.map((element) => element.trim()).sort();
  return got.length === want.length && got.every((element, index) => element === want[index]);
}

function describeForm(form: HeaderValueForm): string {
  return typeof form === 'string' ? JSON.stringify(form) : `the list [${form.list.join(', ')}] in any order`;
}

export function checkResponseHeaders(headers: Record<string, string | string[] | undefined>, expected: Record<string, HeaderValueForm[]>, absent: readonly string[]): Mismatch[] {
  const found: Mismatch[] = [];
  for (const [name, forms] of Object.entries(expected)) {
    const values = headerValues(headers, name);
    const want = forms.map(describeForm).join(' or ');
    if (values === undefined) found.push(mismatch(`response header ${name}`, want, '(absent)'));
    else if (!forms.some((form) => headerValueMatches(form, values))) found.push(mismatch(`response header ${name}`, want, values.map((value) => JSON.stringify(value)).join(', ')));
  }
  return [...found, ...checkHeaderSet('response header', headers, {}, absent)];
}
