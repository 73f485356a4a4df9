// The JSONPath subset printer columns use: `.a.b`, `['a.b']`, `[0]`, `[*]`, and filters such as
// `[?(@.type=="Programmed")]` (== or != against a string, number or boolean). Escaped dots (`a\.b`) name one field.

type Step =
  | { kind: 'field'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'all' }
  | { kind: 'filter'; path: Step[]; operator: '==' | '!='; literal: unknown };

export class JsonPathError extends Error {
  readonly code = 'InvalidJsonPath';
  constructor(path: string, detail: string) {
    super(`JSONPath "${path}": ${detail}`);
    this.name = 'JsonPathError';
  }
}

function readFieldName(text: string, start: number): { name: string; end: number } {
  let name = '';
  let position = start;
  while (position < text.length && !'.['.includes(text[position] ?? '')) {
    if (text[position] === '\\' && position + 1 < text.length) position += 1;
    name += text[position];
    position += 1;
  }
  return { name, end: position };
}

function parseLiteral(text: string, path: string): unknown {
  const trimmed = text.trim();
  if (/^'.*'$/.test(trimmed)) return trimmed.slice(1, -1);
  try {
    return JSON.parse(trimmed);
  } catch {
    throw new JsonPathError(path, `cannot read the filter value ${trimmed}`);
  }
}

function parseFilter(body: string, path: string): Step {
  const match = /^\?\(@(.*?)\s*(==|!=)\s*(.+)\)$/.exec(body);
  if (match === null) throw new JsonPathError(path, `unsupported filter [${body}]; use [?(@.field=="value")]`);
  return { kind: 'filter', path: parseSteps(match[1] ?? '', path), operator: match[2] as '==' | '!=', literal: parseLiteral(match[3] ?? '', path) };
}

function parseBracket(body: string, path: string): Step {
  if (body === '*') return { kind: 'all' };
  if (/^-?\d+$/.test(body)) return { kind: 'index', index: Number(body) };
  if (/^'.*'$|^".*"$/.test(body)) return { kind: 'field', name: body.slice(1, -1) };
  if (body.startsWith('?(')) return parseFilter(body, path);
  throw new JsonPathError(path, `unsupported bracket [${body}]`);
}

function closingBracket(text: string, open: number, path: string): number {
  let depth = 0;
  let quote: string | undefined;
  for (let position = open; position < text.length; position += 1) {
    const char = text[position];
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '[') depth += 1;
    else if (char === ']' && --depth === 0) return position;
  }
  throw new JsonPathError(path, 'a "[" has no matching "]"');
}

function parseSteps(text: string, path: string): Step[] {
  const steps: Step[] = [];
  let position = 0;
  while (position < text.length) {
    const char = text[position];
    if (char === '.') {
      position += 1;
    } else if (char === '[') {
      const close = closingBracket(text, position, path);
      steps.push(parseBracket(text.slice(position + 1, close), path));
      position = close + 1;
    } else {
      const { name, end } = readFieldName(text, position);
      if (name === '*') steps.push({ kind: 'all' });
      else steps.push({ kind: 'field', name });
      position = end;
    }
  }
  return steps;
}

/** Compiles a printer-column path (with or without braces, e.g. `{.spec.x}`) into a function returning every match. */
export function compileJsonPath(path: string): (value: unknown) => unknown[] {
  const text = path.trim().replace(/^\{(.*)\}$/, '$1');
  const steps = parseSteps(text.startsWith('$') ? text.slice(1) : text, path);
  return (value) => evaluate(steps, [value]);
}

function childrenOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'object' && value !== null) return Object.values(value);
  return [];
}

function applyStep(step: Step, value: unknown): unknown[] {
  switch (step.kind) {
    case 'field':
      return typeof value === 'object' && value !== null && !Array.isArray(value) && step.name in value
        ? [(value as Record<string, unknown>)[step.name]]
        : [];
    case 'index': {
      if (!Array.isArray(value)) return [];
      const item = value[step.index < 0 ? value.length + step.index : step.index];
      return item === undefined ? [] : [item];
    }
    case 'all':
      return childrenOf(value);
    case 'filter':
      return childrenOf(value).filter((item) => {
        const matches = evaluate(step.path, [item]);
        const equal = matches.some((match) => match === step.literal);
        return step.operator === '==' ? equal : matches.length > 0 && !equal;
      });
  }
}

function evaluate(steps: Step[], values: unknown[]): unknown[] {
  let current = values;
  for (const step of steps) current = current.flatMap((value) => applyStep(step, value));
  return current;
}
