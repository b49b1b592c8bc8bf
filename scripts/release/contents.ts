import { SIZE_BUDGET } from './config';
import type { Package } from './types';

const TEST_FILE = /(^|\/)(tests?|__tests__|e2e|fixtures)\/|\.(test|spec)\.[cm]?[jt]sx?$/;

/** No source maps (nor references to them) and no test files in a store package. */
export function checkContents(pkg: Package): string[] {
  const out: string[] = [];
  for (const [path, data] of pkg.files) {
    if (path.endsWith('.map')) out.push(`source map in the package: ${path}`);
    else if (TEST_FILE.test(path)) out.push(`test file in the package: ${path}`);
    else if (
      /\.(m?js|css)$/.test(path) &&
      new TextDecoder().decode(data).includes('sourceMappingURL=')
    )
      out.push(`${path} points to a source map (sourceMappingURL)`);
  }
  return out;
}

/** The zip stays under its budget (config.ts has the measured size it was set from). */
export function checkSize(pkg: Package, budgets = SIZE_BUDGET): string[] {
  const { budget, measured } = budgets[pkg.browser];
  return pkg.zipBytes > budget
    ? [
        `${pkg.browser} package is ${pkg.zipBytes} B, over its budget of ${budget} B (measured ${measured} B when it was set; see scripts/release/config.ts)`,
      ]
    : [];
}
