// The report page's script: client/draw-charts.ts and the parts of Chart.js it uses, bundled by esbuild into
// one minified script that the page carries inline, so index.html opens from disk with no network. Bundled
// once per process (about 100 ms) and reused for every page rendered after.
//
//   reportClientScript(): Promise<string>     the script's code, safe to put inside <script>...</script>
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export class ReportBundleError extends Error {
  readonly code = 'GAUNTLET_REPORT_BUNDLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReportBundleError';
  }
}

// Same extension as this module: .ts when run from source, .js once compiled for publishing.
const ENTRY = fileURLToPath(new URL(`./client/draw-charts${extname(fileURLToPath(import.meta.url))}`, import.meta.url));

let bundled: Promise<string> | undefined;

async function bundle(): Promise<string> {
  try {
    const result = await build({
      entryPoints: [ENTRY],
      bundle: true,
      minify: true,
      format: 'iife',
      target: 'es2022',
      platform: 'browser',
      write: false,
      legalComments: 'inline',
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.text;
    if (code === undefined) throw new Error('esbuild produced no output');
    // "</script" would end the inline script early, wherever it appears in the code.
    return code.replaceAll('</script', '<\\/script');
  } catch (error) {
    throw new ReportBundleError(`cannot bundle the HTML report's chart script (${ENTRY}): ${error instanceof Error ? error.message : String(error)}; reinstall dependencies (npm ci) — chart.js and esbuild must be installed`, {
      cause: error,
    });
  }
}

export function reportClientScript(): Promise<string> {
  bundled ??= bundle().catch((error: unknown) => {
    bundled = undefined;
    throw error;
  });
  return bundled;
}
