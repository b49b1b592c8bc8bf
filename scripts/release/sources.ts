/** What a reviewer needs in the sources archive, and what must not be in it. */
const REQUIRED = [
  'SOURCES.md',
  'package.json',
  'package-lock.json',
  'wxt.config.ts',
  'tsconfig.json',
];
const REQUIRED_DIRS = ['entrypoints/', 'utils/', 'public/_locales/'];
const FORBIDDEN = /^(tests|server|demo|bench|node_modules|\.output|\.wxt)\//;

export function checkSources(paths: readonly string[]): string[] {
  const have = new Set(paths);
  return [
    ...REQUIRED.filter((p) => !have.has(p)).map((p) => `sources archive lacks ${p}`),
    ...REQUIRED_DIRS.filter((d) => !paths.some((p) => p.startsWith(d))).map(
      (d) => `sources archive lacks ${d}`,
    ),
    ...paths
      .filter((p) => FORBIDDEN.test(p))
      .map((p) => `sources archive has ${p}, not needed to build`),
  ];
}
