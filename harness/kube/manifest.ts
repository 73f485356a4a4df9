// A Kubernetes manifest as the harness handles it: the object plus where it was written, so that every
// error about it can name file and line.
import { readFile } from 'node:fs/promises';
import { LineCounter, parseAllDocuments } from 'yaml';

export interface SourceLocation {
  file: string;
  line: number;
}

export interface KubeManifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [field: string]: unknown };
  [field: string]: unknown;
}

export interface LocatedManifest {
  object: KubeManifest;
  source: SourceLocation;
}

export class ManifestError extends Error {
  readonly code = 'GAUNTLET_MANIFEST';
  readonly source: SourceLocation;
  constructor(source: SourceLocation, problem: string) {
    super(`${source.file}:${source.line}: ${problem}`);
    this.name = 'ManifestError';
    this.source = source;
  }
}

/** Reads a multi-document YAML file of Kubernetes objects; every problem is reported with file and line. */
export async function readManifestFile(file: string): Promise<LocatedManifest[]> {
  return parseManifests(await readFile(file, 'utf8'), file);
}

export function parseManifests(text: string, file: string): LocatedManifest[] {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter });
  if (!Array.isArray(documents)) return []; // an empty stream
  const manifests: LocatedManifest[] = [];
  for (const document of documents) {
    const offset = document.contents?.range[0] ?? 0;
    const source = { file, line: lineCounter.linePos(offset).line };
    const [firstError] = document.errors;
    if (firstError) {
      const at = lineCounter.linePos(firstError.pos[0]);
      throw new ManifestError({ file, line: at.line }, firstError.message);
    }
    const value: unknown = document.toJS();
    if (value === null || value === undefined) continue; // an empty document between separators
    manifests.push({ object: checkManifest(value, source), source });
  }
  return manifests;
}

function checkManifest(value: unknown, source: SourceLocation): KubeManifest {
  if (typeof value !== 'object' || Array.isArray(value) || value === null) {
    throw new ManifestError(source, 'expected a Kubernetes object (a mapping with apiVersion, kind and metadata)');
  }
  const object = value as Record<string, unknown>;
  const missing = ['apiVersion', 'kind'].filter((field) => typeof object[field] !== 'string');
  const metadata = object.metadata as { name?: unknown } | undefined;
  if (typeof metadata?.name !== 'string') missing.push('metadata.name');
  if (missing.length > 0) throw new ManifestError(source, `missing ${missing.join(', ')}`);
  return value as KubeManifest;
}
