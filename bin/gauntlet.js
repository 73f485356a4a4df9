#!/usr/bin/env node
// The `gauntlet` command as npm installs it. An installed package runs the JavaScript compiled into dist/
// (Node does not strip types under node_modules); a checkout, where the TypeScript sources are, runs them
// directly. A Node too old for the dependencies gets one line saying so rather than a stack trace from deep
// inside them.
import { existsSync } from 'node:fs';

const minimum = [22, 21, 0];
const current = process.versions.node.split('.').map(Number);
const tooOld = minimum.some((part, index) => current.slice(0, index).every((value, before) => value === minimum[before]) && (current[index] ?? 0) < part);
if (tooOld) {
  process.stderr.write(`gauntlet: needs Node.js ${minimum.join('.')} or newer, this is ${process.versions.node} (${process.execPath}); install a newer Node.js (e.g. with nvm, or the node package on npm)\n`);
  process.exit(2);
}
const source = new URL('../harness/cli/gauntlet.ts', import.meta.url);
await import(existsSync(source) ? source.href : new URL('../dist/harness/cli/gauntlet.js', import.meta.url).href);
