/**
 * Survey conditions: the project's own evaluator (utils/survey/expression.ts,
 * shipped in the popup) beside SurveyJS's own engine (survey-core's
 * ConditionRunner), in one run: what each adds to a bundle (esbuild, minified,
 * gzip -9) and how fast each decides which questions of the welcome survey
 * are shown, over the same random answer sets.
 *
 *   npx tsx bench/survey.ts
 */

import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildSync } from 'esbuild';
import { ConditionRunner } from 'survey-core';
import { WELCOME_SURVEY } from '../server/db/seed-surveys';
import { allQuestions, evaluate, parseCondition } from '../utils/survey';
import type { Row } from './run';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ANSWER_SETS = 20_000;

function bundledGzip(contents: string): { raw: number; gzip: number } {
  const out = buildSync({
    stdin: { contents, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  const code = out.outputFiles[0]!.contents;
  return { raw: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
}

/** Deterministic pseudo-random answers for the welcome survey's questions. */
function answerSets(n: number): Record<string, unknown>[] {
  let seed = 12345;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const questions = allQuestions(WELCOME_SURVEY.definition);
  return Array.from({ length: n }, () => {
    const a: Record<string, unknown> = {};
    for (const q of questions) {
      if (rnd() < 0.2) continue;
      if (q.type === 'radiogroup' || q.type === 'checkbox') {
        const values = q.choices.map((c) => (typeof c === 'string' ? c : c.value));
        const pick = values[Math.floor(rnd() * values.length)]!;
        a[q.name] = q.type === 'checkbox' ? [pick] : pick;
      } else if (q.type === 'rating') a[q.name] = 1 + Math.floor(rnd() * 5);
      else a[q.name] = 'text';
    }
    return a;
  });
}

function time(fn: () => number): { ms: number; shown: number } {
  fn(); // warm-up
  const t0 = performance.now();
  const shown = fn();
  return { ms: performance.now() - t0, shown };
}

export async function benchSurvey(): Promise<Row[]> {
  const ours = bundledGzip(
    `import { parseCondition, evaluate } from './utils/survey/expression';
     export const run = (s, a) => evaluate(parseCondition(s), a);`,
  );
  const theirs = bundledGzip(
    `import { ConditionRunner } from 'survey-core';
     export const run = (s, a) => new ConditionRunner(s).runValues(a);`,
  );
  const conditions = allQuestions(WELCOME_SURVEY.definition).flatMap((q) =>
    q.visibleIf ? [q.visibleIf] : [],
  );
  const sets = answerSets(ANSWER_SETS);
  const compiled = conditions.map((c) => parseCondition(c));
  const runners = conditions.map((c) => new ConditionRunner(c));
  const own = time(() => {
    let shown = 0;
    for (const a of sets) for (const c of compiled) if (evaluate(c, a as never)) shown++;
    return shown;
  });
  const core = time(() => {
    let shown = 0;
    for (const a of sets) for (const r of runners) if (r.runValues(a)) shown++;
    return shown;
  });
  const evals = sets.length * conditions.length;
  const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
  return [
    {
      metric: 'added to a bundle, gzip -9 (raw)',
      'utils/survey/expression.ts': `${kb(ours.gzip)} (${kb(ours.raw)})`,
      'baseline: survey-core ConditionRunner': `${kb(theirs.gzip)} (${kb(theirs.raw)})`,
    },
    {
      metric: `welcome survey conditions, ${evals.toLocaleString('en-US')} evaluations`,
      'utils/survey/expression.ts': `${own.ms.toFixed(1)} ms`,
      'baseline: survey-core ConditionRunner': `${core.ms.toFixed(1)} ms`,
    },
    {
      metric: 'per evaluation',
      'utils/survey/expression.ts': `${((own.ms * 1000) / evals).toFixed(2)} µs`,
      'baseline: survey-core ConditionRunner': `${((core.ms * 1000) / evals).toFixed(2)} µs`,
    },
    {
      metric: 'questions shown (both must agree)',
      'utils/survey/expression.ts': own.shown,
      'baseline: survey-core ConditionRunner': core.shown,
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await benchSurvey());
}
