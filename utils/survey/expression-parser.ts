/**
 * The recursive-descent parser for the condition subset described in
 * ./expression.ts (tokens from ./expression-tokens.ts). Precedence and associativity follow survey-core's
 * grammar (grammar.pegjs), loosest first: `or`, `and`, comparisons,
 * `contains`/`notcontains`/`anyof`/`allof`, then factors; every level folds
 * left. `!` takes a single factor (`!{a} = 1` is `(!{a}) = 1`, as in
 * SurveyJS), and `empty`/`notempty` follow a single value, not a bracket.
 */
import type { Literal, Token } from './expression-tokens';

export type BinaryOp =
  | 'or'
  | 'and'
  | 'equal'
  | 'notequal'
  | 'less'
  | 'lessorequal'
  | 'greater'
  | 'greaterorequal'
  | 'contains'
  | 'notcontains'
  | 'anyof'
  | 'allof';

export type Node =
  | { readonly k: 'var'; readonly name: string }
  | { readonly k: 'lit'; readonly value: Literal }
  | { readonly k: 'list'; readonly items: readonly Literal[] }
  | { readonly k: 'not'; readonly e: Node }
  | { readonly k: 'empty'; readonly e: Node; readonly not: boolean }
  | { readonly k: 'chain'; readonly first: Node; readonly rest: readonly [BinaryOp, Node][] };

export const SOURCE_MAX = 500;
export const DEPTH_MAX = 32;

const CMP: Record<string, BinaryOp> = {
  '=': 'equal',
  '==': 'equal',
  '!=': 'notequal',
  '<>': 'notequal',
  '<': 'less',
  '<=': 'lessorequal',
  '>': 'greater',
  '>=': 'greaterorequal',
};
const WORD_HINTS: Record<string, string> = {
  not: 'SurveyJS has no "not": write !',
  negate: '"negate" is not supported: write !',
  null: '"null" is not supported: write {q} empty',
  undefined: '"undefined" is not supported: write {q} empty',
};
// SurveyJS's word spellings of operators, refused to keep one spelling each.
const OPERATOR_WORDS: Record<string, string> = {
  equal: '=',
  notequal: '!=',
  less: '<',
  greater: '>',
  lessorequal: '<=',
  greaterorequal: '>=',
  contain: 'contains',
  notcontain: 'notcontains',
  noneof: '!({q} anyof [...])',
};

/** Parses tokens into a tree; nesting (brackets and !) is limited to DEPTH_MAX. */
export function parseTokens(tokens: Token[], fail: (msg: string) => never): Node {
  let pos = 0;
  let depth = 0;
  const peek = () => tokens[pos];
  const isWord = (...ws: string[]) => {
    const tok = peek();
    return tok?.t === 'word' && ws.includes(tok.w);
  };
  const isSym = (...ss: string[]) => {
    const tok = peek();
    return tok?.t === 'sym' && ss.includes(tok.s);
  };
  const where = () => {
    const tok = peek();
    if (!tok) return 'at the end';
    const text =
      tok.t === 'var'
        ? `{${tok.name}}`
        : tok.t === 'lit'
          ? JSON.stringify(tok.value)
          : tok.t === 'word'
            ? tok.w
            : tok.s;
    return `at ${tok.at} (${text})`;
  };
  /** Fails on a leftover token, naming SurveyJS's operator words we spell otherwise. */
  const unexpected = (expected: string): never => {
    const tok = peek();
    if (tok?.t === 'word' && Object.hasOwn(OPERATOR_WORDS, tok.w)) {
      fail(`"${tok.w}" is not supported (at ${tok.at}): write ${OPERATOR_WORDS[tok.w]}`);
    }
    return fail(`${expected} ${where()}`);
  };
  const nest = <T>(f: () => T): T => {
    if (++depth > DEPTH_MAX) fail(`the condition nests deeper than ${DEPTH_MAX} levels`);
    const r = f();
    depth--;
    return r;
  };

  const chain = (next: () => Node, opAt: () => BinaryOp | null): Node => {
    const first = next();
    const rest: [BinaryOp, Node][] = [];
    for (let op = opAt(); op; op = opAt()) {
      pos++;
      rest.push([op, op === 'anyof' || op === 'allof' ? list() : next()]);
    }
    return rest.length ? { k: 'chain', first, rest } : first;
  };
  const or = (): Node => chain(and, () => (isWord('or') || isSym('||') ? 'or' : null));
  const and = (): Node => chain(cmp, () => (isWord('and') || isSym('&&') ? 'and' : null));
  const cmp = (): Node =>
    chain(binf, () => {
      const tok = peek();
      return tok?.t === 'sym' ? (CMP[tok.s] ?? null) : null;
    });
  const binf = (): Node =>
    chain(factor, () => {
      const tok = peek();
      if (tok?.t !== 'word') return null;
      return (
        (['contains', 'notcontains', 'anyof', 'allof'] as const).find((w) => w === tok.w) ?? null
      );
    });

  function list(): Node {
    if (!isSym('[')) fail(`anyof and allof need a list such as ['a', 'b'] (${where()})`);
    pos++;
    const items: Literal[] = [];
    for (;;) {
      const tok = peek();
      if (tok?.t === 'lit') items.push(tok.value);
      else if (tok?.t === 'word' && (tok.w === 'true' || tok.w === 'false'))
        items.push(tok.w === 'true');
      else fail(`a list holds strings, numbers or true/false (${where()})`);
      pos++;
      if (!isSym(',')) break;
      pos++;
    }
    if (!isSym(']')) fail(`a list is not closed by ] (${where()})`);
    pos++;
    return { k: 'list', items };
  }

  function factor(): Node {
    const tok = peek();
    if (!tok) fail('a value is missing at the end');
    if (tok.t === 'sym' && tok.s === '(') {
      pos++;
      const e = nest(or);
      if (!isSym(')')) unexpected('a ")" is missing');
      pos++;
      return e;
    }
    if (tok.t === 'sym' && tok.s === '!') {
      pos++;
      return nest(() => ({ k: 'not', e: factor() }));
    }
    let atom: Node;
    if (tok.t === 'var') atom = { k: 'var', name: tok.name };
    else if (tok.t === 'lit') atom = { k: 'lit', value: tok.value };
    else if (tok.t === 'word' && (tok.w === 'true' || tok.w === 'false')) {
      atom = { k: 'lit', value: tok.w === 'true' };
    } else if (tok.t === 'word') {
      const call = tokens[pos + 1]?.t === 'sym' && (tokens[pos + 1] as { s: string }).s === '(';
      const hint = Object.hasOwn(WORD_HINTS, tok.w) ? WORD_HINTS[tok.w] : undefined;
      fail(
        hint ??
          (call
            ? `functions such as ${tok.w}() are not supported`
            : `"${tok.w}" is not supported (at ${tok.at}); quote text values`),
      );
    } else if (tok.s === '[') {
      fail(`a list [...] may only follow anyof or allof (at ${tok.at})`);
    } else fail(`a value is expected ${where()}`);
    pos++;
    if (isWord('empty', 'notempty')) {
      const not = (peek() as { w: string }).w === 'notempty';
      pos++;
      return { k: 'empty', e: atom, not };
    }
    return atom;
  }

  if (tokens.length === 0) fail('the condition is empty');
  const root = or();
  if (peek()) unexpected('an operator or the end is expected');
  return root;
}
