import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import webExt from 'web-ext';
import { extractTo } from './files';
import type { LintResult } from './lint';

/** Runs web-ext lint (addons-linter, as AMO does for a listed add-on) on the files of a package, unpacked to a temp dir. */
export async function lintFiles(files: Map<string, Uint8Array>): Promise<LintResult> {
  const dir = await mkdtemp(join(tmpdir(), 'pp-lint-'));
  try {
    await extractTo(files, dir);
    const result = await webExt.cmd.lint(
      { sourceDir: dir, selfHosted: false, output: 'none' },
      { shouldExitProgram: false },
    );
    return { errors: result.errors ?? [], warnings: result.warnings ?? [] };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
