import type { Rollup } from 'vite';
import { describe, expect, it } from 'vitest';
import { cssLinkOrder } from '../../../build/css-link-order';

type Chunk = Rollup.OutputChunk;

const chunk = (fileName: string, imports: string[], css: string[]): Chunk =>
  ({
    type: 'chunk',
    fileName,
    imports,
    viteMetadata: { importedCss: new Set(css), importedAssets: new Set() },
  }) as unknown as Chunk;

const page = (links: string[]) =>
  [
    '<html><head>',
    '    <script type="module" crossorigin src="/chunks/onboarding.js"></script>',
    ...links.map((l) => `    <link rel="stylesheet" crossorigin href="/assets/${l}.css">`),
    '  </head><body></body></html>',
  ].join('\n');

/** Runs the plugin's generateBundle hook on a bundle holding one page. */
function run(links: string[]): string {
  const html = { type: 'asset', fileName: 'onboarding.html', source: page(links) };
  const bundle = {
    'chunks/onboarding.js': chunk(
      'chunks/onboarding.js',
      ['chunks/hooks.js', 'chunks/AccessProblem.js', 'chunks/FirstSteps.js', 'chunks/SignIn.js'],
      [],
    ),
    'chunks/hooks.js': chunk('chunks/hooks.js', [], ['assets/hooks.css']),
    'chunks/AccessProblem.js': chunk(
      'chunks/AccessProblem.js',
      ['chunks/hooks.js'],
      ['assets/AccessProblem.css'],
    ),
    'chunks/FirstSteps.js': chunk(
      'chunks/FirstSteps.js',
      ['chunks/hooks.js'],
      ['assets/FirstSteps.css'],
    ),
    'chunks/SignIn.js': chunk('chunks/SignIn.js', ['chunks/hooks.js'], ['assets/forms.css']),
    'onboarding.html': html,
  } as unknown as Rollup.OutputBundle;
  const hook = cssLinkOrder().generateBundle as {
    handler: (o: unknown, b: Rollup.OutputBundle) => void;
  };
  hook.handler({}, bundle);
  return String(html.source);
}

const order = (html: string) =>
  [...html.matchAll(/href="\/assets\/([^".]+)\.css"/g)].map((m) => m[1]);

describe('css link order', () => {
  it('puts a page’s stylesheets in import order whatever order Vite wrote them in', () => {
    const want = ['hooks', 'AccessProblem', 'FirstSteps', 'forms'];
    // The order one CI build in a few produced, and the order it should have been.
    expect(order(run(['hooks', 'FirstSteps', 'forms', 'AccessProblem']))).toEqual(want);
    expect(order(run(want))).toEqual(want);
    expect(order(run(['forms', 'FirstSteps', 'AccessProblem', 'hooks']))).toEqual(want);
  });

  it('keeps the rest of the page as it was', () => {
    const html = run(['forms', 'hooks', 'AccessProblem', 'FirstSteps']);
    expect(html.split('\n')).toHaveLength(page(['a', 'b', 'c', 'd']).split('\n').length);
    expect(html).toContain(
      '<script type="module" crossorigin src="/chunks/onboarding.js"></script>',
    );
    expect(html.endsWith('</head><body></body></html>')).toBe(true);
  });
});
