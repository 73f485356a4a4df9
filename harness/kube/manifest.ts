// A Kubernetes manifest as the harness handles it: the object plus where it was written, so that every
// error about it can name file and line. Files are read by harness/scenario/manifest-files.ts.
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
