// web-ext ships no types; release:check uses only its lint command.
declare module 'web-ext' {
  const webExt: {
    cmd: {
      lint(
        params: { sourceDir: string; selfHosted?: boolean; output?: 'json' | 'text' | 'none' },
        options?: { shouldExitProgram?: boolean },
      ): Promise<import('./lint').LintResult>;
    };
  };
  export default webExt;
}
