// The Corefile's lexical layer (Caddyfile syntax): words separated by blanks, `#` comments to the end of a
// line, double-quoted words with `\"` escapes, `{` and `}` as their own tokens. Each token keeps its line,
// because a directive is one line and errors name the line.

import { CorefileError } from './corefile-error.ts';

export interface Token {
  text: string;
  line: number;
  /** True for `{` and `}` written bare (a quoted "{" is a word). */
  brace: boolean;
}

// One alternative per kind of lexeme, tried at the current position: newline, blanks, comment, quoted
// word, brace, bare word, and a quote that is never closed.
const LEXEME = /(\n)|([^\S\n]+)|(#[^\n]*)|("(?:\\"|[^"])*")|([{}])|([^\s{}#"]+)|(")/y;

export function tokenize(source: string, file: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  // Every character starts some lexeme, so the sticky scan only stops at the end of the source.
  const lexeme = new RegExp(LEXEME.source, 'y');
  for (let match = lexeme.exec(source); match !== null; match = lexeme.exec(source)) {
    const [, newline, , , quoted, brace, bare, unclosed] = match;
    if (newline !== undefined) line += 1;
    else if (unclosed !== undefined) throw new CorefileError('COREFILE_SYNTAX', `${file}:${line}: a quoted word is never closed: add the closing "`);
    else if (brace !== undefined) tokens.push({ text: brace, line, brace: true });
    else if (bare !== undefined) tokens.push({ text: bare, line, brace: false });
    else if (quoted !== undefined) {
      tokens.push({ text: quoted.slice(1, -1).replaceAll('\\"', '"'), line, brace: false });
      line += quoted.split('\n').length - 1;
    }
  }
  return tokens;
}
