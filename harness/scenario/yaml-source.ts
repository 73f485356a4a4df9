// YAML text -> plain values plus a way back from a value's path to file:line:column, so validation
// messages point at the exact spot a spec author must edit.
//
//   parseYamlDocuments(file, text): { documents: YamlDocument[]; issues: ScenarioIssue[] }
//   YamlDocument.locate(path): { line, column } of the deepest node that exists along path
import { type Document, isCollection, isMap, isNode, isScalar, LineCounter, parseAllDocuments } from 'yaml';
import type { ScenarioIssue } from './scenario-error.ts';

export type YamlPath = readonly (string | number)[];

export interface YamlPosition {
  line: number;
  column: number;
}

export interface YamlDocument {
  value: unknown;
  /** Where the document's content starts. */
  start: YamlPosition;
  /** atKey: point at the last key itself (for "unknown field") rather than at its value. */
  locate(path: YamlPath, atKey?: boolean): YamlPosition;
}

function offsetOf(node: unknown): number | undefined {
  if (isNode(node) && node.range) return node.range[0];
  return undefined;
}

function makeDocument(document: Document.Parsed, lineCounter: LineCounter): YamlDocument {
  const toPosition = (offset: number): YamlPosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const rootOffset = offsetOf(document.contents) ?? document.range[0];
  return {
    value: document.toJS({ maxAliasCount: 100 }) as unknown,
    start: toPosition(rootOffset),
    locate(path, atKey = false) {
      // Walk down as far as the path exists: a missing key is reported at its parent mapping.
      let offset = rootOffset;
      let node: unknown = document.contents;
      for (const [index, key] of path.entries()) {
        if (atKey && index === path.length - 1 && isMap(node)) {
          const pair = node.items.find((item) => isScalar(item.key) && item.key.value === key);
          offset = offsetOf(pair?.key) ?? offset;
          break;
        }
        if (!isCollection(node)) break;
        const child = node.get(key, true);
        const childOffset = offsetOf(child);
        if (childOffset === undefined) break;
        offset = childOffset;
        node = child;
      }
      return toPosition(offset);
    },
  };
}

export function parseYamlDocuments(file: string, text: string): { documents: YamlDocument[]; issues: ScenarioIssue[] } {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  const list = Array.isArray(parsed) ? parsed : [];
  const issues: ScenarioIssue[] = [];
  for (const document of list) {
    for (const error of document.errors) {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      issues.push({ file, line, column: col, message: `YAML syntax: ${error.message.split('\n')[0]}` });
    }
  }
  if (issues.length > 0) return { documents: [], issues };
  const documents = list
    .filter((document) => document.contents !== null)
    .map((document) => makeDocument(document, lineCounter));
  return { documents, issues };
}
