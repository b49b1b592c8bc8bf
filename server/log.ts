/** Structured logs: one JSON object per line on stdout (stderr for errors). */
export interface Logger {
  info(fields: Record<string, unknown>): void;
  error(fields: Record<string, unknown>): void;
}

export function createLogger(mode: 'json' | 'silent'): Logger {
  if (mode === 'silent') return { info() {}, error() {} };
  const line = (level: string, fields: Record<string, unknown>) =>
    JSON.stringify({ time: new Date().toISOString(), level, ...fields });
  return {
    info: (f) => process.stdout.write(`${line('info', f)}\n`),
    error: (f) => process.stderr.write(`${line('error', f)}\n`),
  };
}

/** Collects log lines in memory (tests read them). */
export function memoryLogger(): Logger & { lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  return {
    lines,
    info: (f) => lines.push({ level: 'info', ...f }),
    error: (f) => lines.push({ level: 'error', ...f }),
  };
}
