/**
 * How SurveyJS (survey-core 3.x, default settings) compares values in a
 * condition, ported for the values a condition here can meet: strings,
 * numbers, booleans, null (no answer) and arrays of those. Ported on purpose
 * rather than "fixed": a condition must mean in the popup what it means in
 * the operator's SurveyJS tools. The property test in
 * tests/unit/survey/expression-oracle.test.ts runs survey-core against this.
 * The oddities kept (each one is SurveyJS's documented or observable
 * behaviour): strings compare trimmed and case-insensitively for `=`, but
 * `<`/`>` are plain JS comparisons; numeric-looking answers ("5", " 5 ",
 * "5,0", "0x1F") become numbers, "true"/"false" become booleans and a quoted
 * answer ("'x'") loses its quotes; the text "undefined" equals no answer.
 */

/** survey-core's Helpers.isValueEmpty for these values. */
export function isEmpty(v: unknown): boolean {
  if (Array.isArray(v)) return v.length === 0;
  return !v && v !== 0 && v !== false;
}

const isQuote = (ch: string | undefined) => ch === "'" || ch === '"';
const isDigit = (ch: string) => ch >= '0' && ch <= '9';

/** Helpers.getNumberCore for a string: NaN when SurveyJS would not read it as a number. */
function stringToNumber(raw: string): number {
  let s = raw.trim();
  if (!s) return Number.NaN;
  if (s.startsWith('0x')) return s.length > 32 ? Number.NaN : Number.parseInt(s, 16);
  if (s.length > 15 && [...s].every(isDigit)) return Number.NaN;
  // An operator sign makes it an expression, not a number ("2*3"), unless a - or + follows the start.
  if (s.lastIndexOf('-') <= 0 && s.lastIndexOf('+') <= 0 && /[*^/%]/.test(s)) return Number.NaN;
  const comma = s.indexOf(',');
  if (comma > -1 && s.indexOf(',', comma + 1) < 0) s = s.replace(',', '.');
  const n = Number.parseFloat(s);
  return Number.isNaN(n) || !Number.isFinite(Number(s)) ? Number.NaN : n;
}

/** Const.getCorrectValue: what an answer (or literal) becomes before it is compared. */
export function correctValue(v: unknown): unknown {
  if (!v || typeof v !== 'string') return v;
  const lower = v.toLowerCase();
  if (lower === 'true' || lower === 'false') return lower === 'true';
  if (v.length > 1 && isQuote(v[0]) && isQuote(v[v.length - 1])) return v.slice(1, -1);
  const n = stringToNumber(v);
  if (Number.isNaN(n)) return v;
  // "05" stays text (a code, not a number), "0.5" and "0" do not.
  if (v[0] === '0' && !v.startsWith('0x') && v.length > 1 && v[1] !== '.' && v[1] !== ',') return v;
  return n;
}

// isNaN's own coercion, as survey-core's isConvertibleToNumber uses it.
const convertible = (v: unknown) =>
  v !== undefined && v !== null && !Array.isArray(v) && !Number.isNaN(Number(v));

/** Helpers.checkIfValuesEqual with SurveyJS's defaults (ignore order, case, surrounding space). */
function valuesEqual(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (Array.isArray(x) && x.length === 0 && y === undefined) return true;
  if (Array.isArray(y) && y.length === 0 && x === undefined) return true;
  if ((x === undefined || x === null) && y === '') return true;
  if ((y === undefined || y === null) && x === '') return true;
  if (typeof x === 'string' && typeof y === 'string') {
    return x.trim().toLowerCase() === y.trim().toLowerCase();
  }
  if (convertible(x) && convertible(y)) {
    const [sx, sy] = [String(x), String(y)];
    // biome-ignore lint/correctness/useParseIntRadix: no radix, as in SurveyJS ("0x1F" is hex)
    const int = (t: string) => Number.parseInt(t);
    if (int(sx) === int(sy) && Number.parseFloat(sx) === Number.parseFloat(sy)) {
      return true;
    }
  }
  if (isEmpty(x) !== isEmpty(y)) return false;
  if (typeof x === 'boolean' && typeof y === 'string') return String(x) === y.toLowerCase();
  if (typeof y === 'boolean' && typeof x === 'string') return String(y) === x.toLowerCase();
  const [xa, ya] = [Array.isArray(x), Array.isArray(y)];
  // Loose == on two primitives is SurveyJS's last resort (so false = 0 holds).
  // biome-ignore lint/suspicious/noDoubleEquals: SurveyJS's semantics
  if (!xa && !ya) return x == y;
  if (!xa || !ya) return false;
  const [ax, ay] = [x as unknown[], y as unknown[]];
  if (ax.length !== ay.length) return false;
  const [sx, sy] = [[...ax].sort(), [...ay].sort()];
  return sx.every((v, i) => valuesEqual(v, sy[i]));
}

/** OperandMaker.isTwoValueEquals: the text "undefined" stands for no value. */
const same = (x: unknown, y: unknown) =>
  valuesEqual(x === 'undefined' ? undefined : x, y === 'undefined' ? undefined : y);

export const equal = same;

export function greater(l: unknown, r: unknown): boolean {
  // Plain JS `>`, with its coercions, as SurveyJS does.
  return l != null && r != null && (l as number) > (r as number);
}
export function less(l: unknown, r: unknown): boolean {
  return l != null && r != null && (l as number) < (r as number);
}

function containsCore(left: unknown, right: unknown, isContains: boolean): boolean {
  if (Array.isArray(left) && left.length === 0) return !isContains;
  if (!left && left !== 0 && left !== false) return false;
  let l: unknown = left;
  if (!(l as { length?: number }).length) l = String(l);
  if (typeof l === 'string') {
    if (!right) return false;
    const found = l.toLowerCase().includes(String(right).toLowerCase());
    return isContains ? found : !found;
  }
  const items = l as unknown[];
  for (const r of Array.isArray(right) ? right : [right]) {
    if (!items.some((item) => same(item, r))) return !isContains;
  }
  return isContains;
}

export const contains = (l: unknown, r: unknown) => containsCore(l, r, true);

export function notContains(l: unknown, r: unknown): boolean {
  if (!l && !isEmpty(r)) return true;
  return containsCore(l, r, false);
}

export function anyOf(l: unknown, r: unknown): boolean {
  if (isEmpty(l) && isEmpty(r)) return true;
  if (isEmpty(l)) return false;
  if (isEmpty(r)) return true;
  if (!Array.isArray(l)) return contains(r, l);
  if (!Array.isArray(r)) return contains(l, r);
  return r.some((item) => contains(l, item));
}

export function allOf(l: unknown, r: unknown): boolean {
  if (!l && !isEmpty(r)) return false;
  if (!Array.isArray(r)) return contains(l, r);
  return r.every((item) => contains(l, item));
}

/**
 * SurveyJS parses `and`/`or` as arithmetic operators, whose empty operands
 * are first replaced by a "zero" of the other side's kind (so `[] and true`
 * is 0, not true); the right side is converted against the converted left.
 */
function arithmeticOperand(val: unknown, other: unknown): unknown {
  if (!isEmpty(val)) return val;
  if (typeof other === 'number') return 0;
  if (typeof val === 'string') return val;
  if (typeof other === 'string') return '';
  if (Array.isArray(other)) return [];
  return 0;
}
const arithmetic =
  (op: (l: unknown, r: unknown) => unknown) =>
  (l: unknown, r: unknown): unknown => {
    const cl = arithmeticOperand(l, r);
    return op(cl, arithmeticOperand(r, cl));
  };
export const and = arithmetic((l, r) => l && r);
export const or = arithmetic((l, r) => l || r);

/** ConditionRunner's verdict: `result == true`, so 1 and "1" hold, 2 does not. */
// biome-ignore lint/suspicious/noDoubleEquals: SurveyJS's semantics
export const holds = (result: unknown): boolean => result == true;
