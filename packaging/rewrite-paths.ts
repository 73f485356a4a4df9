// What TypeScript's rewriteRelativeImportExtensions leaves for the published build: specifiers that are not
// relative imports. The workspace package @gauntlet/local-cluster is compiled into dist/ rather than installed,
// so its imports become relative paths; file paths written as strings (a pod's entry script, a preload module,
// the CLI re-running itself) end in .ts in the sources and must name the compiled .js. Only strings that
// resolve to a source file being compiled are rewritten, so a ".ts" in a message or a comment stays as it is.
//
//   rewritePaths(code, context): { code: string; rewrites: string[] }

export interface RewriteContext {
  /** Folder of the source file the code was compiled from. */
  sourceDir: string;
  projectRoot: string;
  /** Whether an absolute path is a .ts file being compiled. */
  isCompiledSource(path: string): boolean;
  /** The compiled entry of a package bundled into the build, as an import specifier from this file. */
  bundledPackages: Record<string, string>;
  resolve(from: string, path: string): string;
}

const stringLiteral = /(['"`])((?:(?!\1)[^\\\n$])*?\.ts)\1/g;
const packageImport = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])([^'"\n]+)\2/g;

export function rewritePaths(code: string, context: RewriteContext): { code: string; rewrites: string[] } {
  const rewrites: string[] = [];
  let rewritten = code.replace(packageImport, (whole, lead: string, quote: string, specifier: string) => {
    const target = context.bundledPackages[specifier];
    if (target === undefined) return whole;
    rewrites.push(`${specifier} -> ${target}`);
    return `${lead}${quote}${target}${quote}`;
  });
  rewritten = rewritten.replace(stringLiteral, (whole, quote: string, path: string) => {
    const candidates = [context.resolve(context.sourceDir, path), context.resolve(context.projectRoot, path)];
    if (!candidates.some((candidate) => context.isCompiledSource(candidate))) return whole;
    const compiled = `${path.slice(0, -'.ts'.length)}.js`;
    rewrites.push(`${path} -> ${compiled}`);
    return `${quote}${compiled}${quote}`;
  });
  return { code: rewritten, rewrites };
}
