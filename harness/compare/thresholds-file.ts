// `--thresholds FILE`: alpha and thresholds kept with the nightly job (YAML or JSON), every problem named with
// file:line:column like scenario files are:
//
//   alpha: 0.01
//   thresholds:            # metric: threshold text (see thresholds.ts)
//     latency.p99: 50%,2ms
//   scenarios:             # per scenario id, metrics whose threshold differs
//     weighted-split-under-load:
//       errors: 0.5%
//
//   applyThresholdsFile(settings, file): Promise<void>
import { readFile } from 'node:fs/promises';
import { formatIssue } from '../scenario/scenario-error.ts';
import { parseYamlDocuments, type YamlDocument, type YamlPath } from '../scenario/yaml-source.ts';
import { CompareInputError } from './compare-error.ts';
import { type CompareSettings, setThreshold } from './thresholds.ts';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export async function applyThresholdsFile(settings: CompareSettings, file: string): Promise<void> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CompareInputError(`--thresholds ${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); check the path`, { cause: error });
  }
  const { documents, issues } = parseYamlDocuments(file, text);
  const first = issues[0];
  if (first) throw new CompareInputError(`${formatIssue(first)}; fix the YAML`);
  const document = documents[0];
  if (!document) return;
  const at = (path: YamlPath, message: string, atKey = false): never => {
    const { line, column } = document.locate(path, atKey);
    throw new CompareInputError(`${file}:${line}:${column}: ${message}`);
  };
  const root = document.value;
  if (!isObject(root)) return at([], 'expected a mapping with alpha, thresholds and scenarios');
  for (const key of Object.keys(root)) {
    if (!['alpha', 'thresholds', 'scenarios'].includes(key)) at([key], `unknown field "${key}"; use alpha, thresholds or scenarios`, true);
  }
  if (root.alpha !== undefined) {
    if (typeof root.alpha !== 'number' || !(root.alpha > 0 && root.alpha < 1)) at(['alpha'], `alpha must be a number between 0 and 1, got ${JSON.stringify(root.alpha)}`);
    settings.alpha = root.alpha as number;
  }
  applyMetrics(settings, document, root.thresholds, ['thresholds'], undefined, file, at);
  if (root.scenarios !== undefined) {
    if (!isObject(root.scenarios)) at(['scenarios'], 'scenarios must map scenario ids to their thresholds');
    for (const [id, metrics] of Object.entries(root.scenarios as Record<string, unknown>)) applyMetrics(settings, document, metrics, ['scenarios', id], id, file, at);
  }
}

function applyMetrics(
  settings: CompareSettings,
  document: YamlDocument,
  metrics: unknown,
  path: string[],
  scenario: string | undefined,
  file: string,
  at: (path: YamlPath, message: string, atKey?: boolean) => never,
): void {
  if (metrics === undefined) return;
  if (!isObject(metrics)) at(path, `${path.join('.')} must map metric names to thresholds, e.g. latency.p99: 50%,2ms`);
  for (const [metric, value] of Object.entries(metrics as Record<string, unknown>)) {
    if (typeof value !== 'string' && typeof value !== 'number') at([...path, metric], `${metric}: write the threshold as text, e.g. "50%,2ms"`);
    const { line, column } = document.locate([...path, metric], true);
    setThreshold(settings, scenario, metric, String(value), `${file}:${line}:${column}`);
  }
}
