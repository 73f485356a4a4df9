// A Corefile as server blocks: each block's keys (zones with an optional port, e.g. `foo.bar.com:53`) and
// its directives (plugin name, arguments, nested block skipped over). Syntax only: which plugins this
// responder can serve is decided in dns-zones.ts.

import { CorefileError } from './corefile-error.ts';
import { type Token, tokenize } from './corefile-tokens.ts';

export interface Directive {
  plugin: string;
  args: string[];
  line: number;
}

export interface ServerBlock {
  keys: string[];
  directives: Directive[];
  line: number;
}

export function parseCorefile(source: string, file: string): ServerBlock[] {
  const tokens = tokenize(source, file);
  const blocks: ServerBlock[] = [];
  let i = 0;
  while (i < tokens.length) {
    const first = tokens[i] as Token;
    const keys: string[] = [];
    while (i < tokens.length && !tokens[i]?.brace) {
      keys.push(...(tokens[i]?.text ?? '').split(',').filter((key) => key !== ''));
      i += 1;
    }
    const open = tokens[i];
    if (open?.text !== '{' || keys.length === 0) {
      throw new CorefileError('COREFILE_SYNTAX', `${file}:${open?.line ?? first.line}: expected zone names followed by "{" to open a server block`);
    }
    const body = readDirectives(tokens, i + 1, file);
    i = body.next;
    if (i >= tokens.length) throw new CorefileError('COREFILE_SYNTAX', `${file}:${first.line}: the server block opened here is never closed: add "}"`);
    i += 1;
    blocks.push({ keys, directives: body.directives, line: first.line });
  }
  return blocks;
}

/** Directives from `start` up to the block's `}` (or the end of input), one per line. */
function readDirectives(tokens: readonly Token[], start: number, file: string): { directives: Directive[]; next: number } {
  const directives: Directive[] = [];
  let i = start;
  while (i < tokens.length && tokens[i]?.text !== '}') {
    const name = tokens[i] as Token;
    if (name.brace) throw new CorefileError('COREFILE_SYNTAX', `${file}:${name.line}: unexpected "{": a nested block must follow a directive on its line`);
    const args: string[] = [];
    i += 1;
    while (i < tokens.length && tokens[i]?.line === name.line && !tokens[i]?.brace) {
      args.push(tokens[i]?.text ?? '');
      i += 1;
    }
    if (tokens[i]?.text === '{' && tokens[i]?.line === name.line) i = skipBlock(tokens, i, file);
    directives.push({ plugin: name.text, args, line: name.line });
  }
  return { directives, next: i };
}

/** From the `{` at `start`, past its matching `}`. */
function skipBlock(tokens: readonly Token[], start: number, file: string): number {
  let depth = 0;
  for (let i = start; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.brace && token.text === '{') depth += 1;
    if (token.brace && token.text === '}') depth -= 1;
    if (depth === 0) return i + 1;
  }
  throw new CorefileError('COREFILE_SYNTAX', `${file}:${tokens[start]?.line ?? 0}: the block opened here is never closed: add "}"`);
}
