import { describe, expect, it } from 'vitest';
import type { AllowedLint } from '../../scripts/release/config';
import { checkLint } from '../../scripts/release/lint';
import { text } from './release-fixtures';

// A minified chunk like Preact's: the `__html` branch, then an unrelated innerHTML write.
const chunk = 'if(f.__html!=b.__html)e.innerHTML=f.__html;for(;;){};x.innerHTML=userText;';
const files = new Map([['chunks/hooks.module-X.js', text(chunk)]]);
const rule: AllowedLint = {
  code: 'UNSAFE_VAR_ASSIGNMENT',
  at: /[\w$]+\.innerHTML=[\w$]+\.__html\b/y,
  reason: 'Preact',
};
// addons-linter counts columns from 1.
const warning = (index: number) => ({
  code: 'UNSAFE_VAR_ASSIGNMENT',
  message: 'Unsafe assignment to innerHTML',
  file: 'chunks/hooks.module-X.js',
  line: 1,
  column: index + 1,
});

describe('release:check web-ext lint', () => {
  it('allows the known warning at Preact’s dangerouslySetInnerHTML branch, with its reason', () => {
    const r = checkLint({ errors: [], warnings: [warning(chunk.indexOf('e.innerHTML'))] }, files, [
      rule,
    ]);
    expect(r.problems).toEqual([]);
    expect(r.allowed).toEqual([
      'UNSAFE_VAR_ASSIGNMENT: Unsafe assignment to innerHTML in chunks/hooks.module-X.js:1:23 (allowed: Preact)',
    ]);
  });

  it('fails the same warning anywhere else, any other warning and every error', () => {
    const r = checkLint(
      {
        errors: [{ code: 'MANIFEST_FIELD_INVALID', message: 'bad', file: 'manifest.json' }],
        warnings: [
          warning(chunk.indexOf('x.innerHTML')),
          { code: 'MANIFEST_PERMISSIONS', message: 'unknown permission' },
        ],
      },
      files,
      [rule],
    );
    expect(r.allowed).toEqual([]);
    expect(r.problems).toEqual([
      'web-ext lint error MANIFEST_FIELD_INVALID: bad in manifest.json',
      'web-ext lint warning UNSAFE_VAR_ASSIGNMENT: Unsafe assignment to innerHTML in chunks/hooks.module-X.js:1:54',
      'web-ext lint warning MANIFEST_PERMISSIONS: unknown permission',
    ]);
  });
});
