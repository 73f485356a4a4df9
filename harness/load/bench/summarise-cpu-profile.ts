// Prints where a .cpuprofile's time went, without a browser: the heaviest functions by self time and by
// total time (a function counted once per sample even when it recurses), as shares of the sampled time.
//   node harness/load/bench/summarise-cpu-profile.ts <file.cpuprofile> [--top 30] [--filter text] [--last seconds]
// --last keeps only the samples of the profile's final seconds: a scenario's own phase, without start-up.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  /** Microseconds since the previous sample, one per sample. */
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '30' }, filter: { type: 'string' }, last: { type: 'string' } } });
const file = positionals[0];
if (!file) {
  process.stderr.write('usage: summarise-cpu-profile.ts <file.cpuprofile> [--top N] [--filter text]\n');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

const label = (node: ProfileNode): string => {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url ? `${url.replace(/^file:\/\/.*?\/(node_modules|harness|packages|reference-impl|suites)\//, '$1/')}:${lineNumber + 1}` : '';
  return `${functionName || '(anonymous)'} ${where}`.trim();
};

const self = new Map<string, number>();
const total = new Map<string, number>();
let counted = 0;
const sampledAt: number[] = [];
profile.timeDeltas.reduce((at, delta, index) => (sampledAt[index] = at + delta), 0);
const from = values.last === undefined ? -Infinity : (sampledAt.at(-1) ?? 0) - Number(values.last) * 1e6;
for (const [index, sample] of profile.samples.entries()) {
  if ((sampledAt[index] ?? 0) < from) continue;
  const leaf = byId.get(sample);
  if (!leaf || leaf.callFrame.functionName === '(idle)') continue;
  counted += 1;
  self.set(label(leaf), (self.get(label(leaf)) ?? 0) + 1);
  const seen = new Set<string>();
  for (let id: number | undefined = sample; id !== undefined; id = parentOf.get(id)) {
    const node = byId.get(id);
    if (node) seen.add(label(node));
  }
  for (const name of seen) total.set(name, (total.get(name) ?? 0) + 1);
}

const top = Number(values.top);
const print = (title: string, counts: Map<string, number>) => {
  process.stdout.write(`${title} (of ${counted} busy samples)\n`);
  const rows = [...counts].filter(([name]) => !values.filter || name.includes(values.filter)).sort((a, b) => b[1] - a[1]);
  for (const [name, count] of rows.slice(0, top)) process.stdout.write(`${((100 * count) / counted).toFixed(1).padStart(6)}%  ${name}\n`);
};
print('self', self);
print('total', total);
