import { ALLOWED_LINT, type AllowedLint } from './config';

/** One addons-linter finding (the fields release:check reads). */
export interface LintMessage {
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

export interface LintResult {
  errors: LintMessage[];
  warnings: LintMessage[];
}

/**
 * Every error fails; a warning passes only when it is a known, explained one
 * (config.ts) and the flagged spot really is that code: the rule's pattern
 * must match the package's file at the flagged column.
 */
export function checkLint(
  result: LintResult,
  files: Map<string, Uint8Array>,
  allowed: AllowedLint[] = ALLOWED_LINT,
): { problems: string[]; allowed: string[] } {
  const problems = result.errors.map((e) => `web-ext lint error ${formatLint(e)}`);
  const ok: string[] = [];
  for (const w of result.warnings) {
    const rule = allowed.find((a) => a.code === w.code && matchesAt(w, files, a));
    if (rule) ok.push(`${formatLint(w)} (allowed: ${rule.reason})`);
    else problems.push(`web-ext lint warning ${formatLint(w)}`);
  }
  return { problems, allowed: ok };
}

function formatLint(m: LintMessage): string {
  const where = m.file ? ` in ${m.file}${m.line ? `:${m.line}:${m.column ?? 0}` : ''}` : '';
  return `${m.code}: ${m.message}${where}`;
}

function matchesAt(w: LintMessage, files: Map<string, Uint8Array>, a: AllowedLint): boolean {
  const raw = w.file ? files.get(w.file) : undefined;
  if (!raw || !w.line) return false;
  const line = new TextDecoder().decode(raw).split('\n')[w.line - 1] ?? '';
  const sticky = new RegExp(a.at.source, 'y');
  sticky.lastIndex = (w.column ?? 1) - 1; // addons-linter counts columns from 1
  return sticky.test(line);
}
