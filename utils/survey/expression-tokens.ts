/**
 * The tokenizer for conditions (see ./expression.ts for the subset). It
 * refuses early what survey-core would read differently: names that are not
 * question names, quotes it does not escape, numbers it parses otherwise,
 * and text it rewrites before parsing.
 */

export type Literal = string | number | boolean;

export type Token =
  | { t: 'var'; name: string; at: number }
  | { t: 'lit'; value: Literal; at: number }
  | { t: 'word'; w: string; at: number }
  | { t: 'sym'; s: string; at: number };

// Longest first, so '<=' is never read as '<' then '='.
const SYMBOLS = '== != <> <= >= && || = < > ! ( ) [ ] ,'.split(' ');
const NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
// survey-core rewrites these in the raw text before parsing, inside quotes too.
const REWRITTEN = /<>|=>|=<|equals/;

export function tokenize(src: string, fail: (msg: string) => never): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    const at = i;
    if (' \t\n\r'.includes(ch)) {
      i++;
    } else if (ch === '{') {
      const end = src.indexOf('}', i);
      if (end < 0) fail(`an unclosed "{" at ${at}`);
      const name = src.slice(i + 1, end);
      if (name.includes('.')) fail(`dotted names such as {${name}} are not supported`);
      if (!NAME.test(name)) fail(`{${name}} is not a question name`);
      if (name.includes('equals')) fail(`SurveyJS misreads the name {${name}} ("equals")`);
      out.push({ t: 'var', name, at });
      i = end + 1;
    } else if (ch === "'" || ch === '"') {
      let j = i + 1;
      let value = '';
      // Only \' and \" are escapes in SurveyJS; neither quote may appear bare.
      while (j < src.length && src[j] !== "'" && src[j] !== '"') {
        if (src[j] === '\\' && (src[j + 1] === "'" || src[j + 1] === '"')) j++;
        value += src[j];
        j++;
      }
      if (src[j] !== ch)
        fail(`a string at ${at} is not closed by ${ch} (escape inner quotes: \\' \\")`);
      if (REWRITTEN.test(src.slice(i + 1, j))) {
        fail(`SurveyJS rewrites "<>", "=>", "=<" and "equals" even inside quotes (at ${at})`);
      }
      out.push({ t: 'lit', value, at });
      i = j + 1;
    } else if (/[0-9]/.test(ch) || (ch === '-' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?/.exec(src.slice(i))!;
      if (/^[0-9A-Za-z_.]/.test(src[i + m[0].length] ?? '')) fail(`a malformed number at ${at}`);
      if (m[1]!.length > 15) fail(`the number at ${at} has too many digits`);
      out.push({ t: 'lit', value: Number(m[0]), at });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const w = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))![0];
      out.push({ t: 'word', w: w.toLowerCase(), at });
      i += w.length;
    } else {
      const s = SYMBOLS.find((sym) => src.startsWith(sym, i));
      if (!s) {
        const shown = /[!-~]/.test(ch)
          ? ch
          : `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
        const what = '+-*/%^'.includes(ch) ? 'arithmetic is' : `"${shown}" is`;
        fail(`${what} not supported (at ${at})`);
      }
      out.push({ t: 'sym', s, at });
      i += s.length;
    }
  }
  return out;
}
