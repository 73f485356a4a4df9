#!/usr/bin/env node
// The `gauntlet` command as npm installs it. An installed package runs the JavaScript compiled into dist/
// (Node does not strip types under node_modules); a checkout, where the TypeScript sources are, runs them
// directly. A Node older than package.json's engines gets one line saying so rather than a stack trace from
// deep inside a dependency.
import { existsSync, readFileSync } from 'node:fs';

const engines = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).engines?.node ?? '';
const minimum = (/(\d+)\.(\d+)\.(\d+)/.exec(engines) ?? [null, 0, 0, 0]).slice(1).map(Number);
const current = process.versions.node.split('.').map(Number);
const firstDifference = minimum.findIndex((part, index) => (current[index] ?? 0) !== part);
if (firstDifference !== -1 && (current[firstDifference] ?? 0) < (minimum[firstDifference] ?? 0)) {
  process.stderr.write(`gauntlet: needs Node.js ${minimum.join('.')} or newer, this is ${process.versions.node} (${process.execPath}); install a newer Node.js (e.g. with nvm, or the node package on npm)\n`);
  process.exit(2);
}
const source = new URL('../harness/cli/gauntlet.ts', import.meta.url);
await import(existsSync(source) ? source.href : new URL('../dist/harness/cli/gauntlet.js', import.meta.url).href);
