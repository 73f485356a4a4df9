// RFC 6902 JSON Patch. A malformed patch document is a 400 (BadRequest); an operation that cannot be
// applied to the object (missing path, failed test) is a 422 (Invalid), as the Kubernetes API server answers.
import { cloneJson, isJsonObject, jsonEqual, setField } from './json-value.ts';
import { PatchError } from './patch-error.ts';

interface Operation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  from?: string;
  value?: unknown;
}

const operationNames = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);

function parseOperations(patch: unknown): Operation[] {
  if (!Array.isArray(patch)) {
    throw new PatchError('BadRequest', 'a json-patch body must be a JSON array of operations');
  }
  return patch.map((raw, index) => {
    if (!isJsonObject(raw) || typeof raw.op !== 'string' || !operationNames.has(raw.op)) {
      throw new PatchError('BadRequest', `json-patch operation ${index}: "op" must be one of ${[...operationNames].join(', ')}`);
    }
    if (typeof raw.path !== 'string') {
      throw new PatchError('BadRequest', `json-patch operation ${index} (${raw.op}): "path" must be a string`);
    }
    if ((raw.op === 'move' || raw.op === 'copy') && typeof raw.from !== 'string') {
      throw new PatchError('BadRequest', `json-patch operation ${index} (${raw.op}): "from" must be a string`);
    }
    if ((raw.op === 'add' || raw.op === 'replace' || raw.op === 'test') && !('value' in raw)) {
      throw new PatchError('BadRequest', `json-patch operation ${index} (${raw.op}): "value" is missing`);
    }
    return raw as unknown as Operation;
  });
}

/** Splits a JSON pointer into unescaped reference tokens (~1 is '/', ~0 is '~'). */
export function parseJsonPointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) {
    throw new PatchError('BadRequest', `JSON pointer "${pointer}" must be empty or start with "/"`);
  }
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function arrayIndex(list: unknown[], token: string, forInsert: boolean, pointer: string): number {
  if (forInsert && token === '-') return list.length;
  if (!/^(0|[1-9][0-9]*)$/.test(token)) {
    throw new PatchError('Invalid', `json-patch: "${token}" in "${pointer}" is not an array index`);
  }
  const index = Number(token);
  const limit = forInsert ? list.length : list.length - 1;
  if (index > limit) {
    throw new PatchError('Invalid', `json-patch: index ${index} in "${pointer}" is out of range (array length ${list.length})`);
  }
  return index;
}

/** Returns the container (object or array) holding the last token of `pointer`. */
function parentOf(document: unknown, tokens: string[], pointer: string): unknown {
  let node = document;
  for (const token of tokens.slice(0, -1)) {
    if (Array.isArray(node)) {
      node = node[arrayIndex(node, token, false, pointer)];
    } else if (isJsonObject(node) && Object.hasOwn(node, token)) {
      node = node[token];
    } else {
      throw new PatchError('Invalid', `json-patch: path "${pointer}" does not exist in the object`);
    }
  }
  if (!Array.isArray(node) && !isJsonObject(node)) {
    throw new PatchError('Invalid', `json-patch: the parent of "${pointer}" is not an object or array`);
  }
  return node;
}

function lastToken(tokens: string[]): string {
  return tokens[tokens.length - 1] ?? '';
}

function getValue(document: unknown, pointer: string): unknown {
  const tokens = parseJsonPointer(pointer);
  if (tokens.length === 0) return document;
  const parent = parentOf(document, tokens, pointer);
  const token = lastToken(tokens);
  if (Array.isArray(parent)) return parent[arrayIndex(parent, token, false, pointer)];
  const object = parent as Record<string, unknown>;
  if (!Object.hasOwn(object, token)) {
    throw new PatchError('Invalid', `json-patch: path "${pointer}" does not exist in the object`);
  }
  return object[token];
}

/** Adds `value` at `pointer`; returns the new document (which changes only when the pointer is the root). */
function addValue(document: unknown, pointer: string, value: unknown): unknown {
  const tokens = parseJsonPointer(pointer);
  if (tokens.length === 0) return value;
  const parent = parentOf(document, tokens, pointer);
  const token = lastToken(tokens);
  if (Array.isArray(parent)) {
    parent.splice(arrayIndex(parent, token, true, pointer), 0, value);
  } else {
    setField(parent as Record<string, unknown>, token, value);
  }
  return document;
}

function removeValue(document: unknown, pointer: string): unknown {
  const tokens = parseJsonPointer(pointer);
  if (tokens.length === 0) throw new PatchError('Invalid', 'json-patch: cannot remove the whole object');
  const parent = parentOf(document, tokens, pointer);
  const token = lastToken(tokens);
  if (Array.isArray(parent)) {
    parent.splice(arrayIndex(parent, token, false, pointer), 1);
    return document;
  }
  const object = parent as Record<string, unknown>;
  if (!Object.hasOwn(object, token)) {
    throw new PatchError('Invalid', `json-patch: cannot remove "${pointer}": it does not exist`);
  }
  delete object[token];
  return document;
}

function applyOperation(document: unknown, operation: Operation): unknown {
  switch (operation.op) {
    case 'add':
      return addValue(document, operation.path, cloneJson(operation.value));
    case 'remove':
      return removeValue(document, operation.path);
    case 'replace':
      if (operation.path === '') return cloneJson(operation.value);
      return addValue(removeValue(document, operation.path), operation.path, cloneJson(operation.value));
    case 'copy':
      return addValue(document, operation.path, cloneJson(getValue(document, operation.from ?? '')));
    case 'move': {
      const from = operation.from ?? '';
      if (operation.path.startsWith(`${from}/`)) {
        throw new PatchError('Invalid', `json-patch: cannot move "${from}" into its own child "${operation.path}"`);
      }
      const value = getValue(document, from);
      return addValue(removeValue(document, from), operation.path, value);
    }
    case 'test':
      if (!jsonEqual(getValue(document, operation.path), operation.value)) {
        throw new PatchError('Invalid', `json-patch: test operation failed: the value at "${operation.path}" differs`);
      }
      return document;
  }
}

/** Applies an RFC 6902 patch to a copy of `document`. */
export function applyJsonPatch(document: unknown, patch: unknown): unknown {
  const operations = parseOperations(patch);
  let result = cloneJson(document);
  for (const operation of operations) {
    result = applyOperation(result, operation);
  }
  return result;
}
