import type { Plugin, Rollup } from 'vite';

type OutputBundle = Rollup.OutputBundle;
type OutputChunk = Rollup.OutputChunk;

/**
 * Vite 7 orders an HTML page's stylesheet links through a cache shared by all
 * pages of one build, filled in whichever order the pages finished
 * transforming; so one build in a few put onboarding.html's links in another
 * order and the Firefox package no longer rebuilt byte for byte from its
 * sources. This rewrites each page's links from its own entry chunk alone:
 * depth first through the static imports, a chunk's own CSS after its
 * imports', each file once — the order Vite means to produce, every time.
 */
export function cssLinkOrder(): Plugin {
  return {
    name: 'pointpilot:css-link-order',
    apply: 'build',
    // 'post': Vite's own HTML plugin emits the pages in its generateBundle.
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const asset of Object.values(bundle)) {
          if (asset.type !== 'asset' || !asset.fileName.endsWith('.html')) continue;
          const html = String(asset.source);
          const entry = entryChunk(html, bundle);
          if (!entry) continue;
          asset.source = relink(html, cssFiles(entry, bundle));
        }
      },
    },
  };
}

const SCRIPT = /<script type="module"[^>]*\ssrc="\/?([^"]+)"/;
const LINK = /[ \t]*<link rel="stylesheet"[^>]*\shref="\/?([^"]+)"[^>]*>\n?/g;

function entryChunk(html: string, bundle: OutputBundle): OutputChunk | undefined {
  const src = SCRIPT.exec(html)?.[1];
  const chunk = src ? bundle[src] : undefined;
  return chunk?.type === 'chunk' ? chunk : undefined;
}

function cssFiles(entry: OutputChunk, bundle: OutputBundle): string[] {
  const seen = new Set<string>();
  const files: string[] = [];
  const visit = (chunk: OutputChunk) => {
    if (seen.has(chunk.fileName)) return;
    seen.add(chunk.fileName);
    for (const name of chunk.imports) {
      const imported = bundle[name];
      if (imported?.type === 'chunk') visit(imported);
    }
    for (const css of chunk.viteMetadata?.importedCss ?? [])
      if (!files.includes(css)) files.push(css);
  };
  visit(entry);
  return files;
}

/** Puts the known stylesheet links, in `files` order, where the first one stood. */
function relink(html: string, files: string[]): string {
  const links = [...html.matchAll(LINK)];
  const known = links.filter((m) => files.includes(m[1] ?? ''));
  if (known.length !== files.length || known.length < 2) return html;
  const byFile = new Map(known.map((m) => [m[1], m[0]]));
  const ordered = files.map((f) => byFile.get(f)).join('');
  let placed = false;
  return html.replace(LINK, (tag, file: string) => {
    if (!files.includes(file)) return tag;
    if (placed) return '';
    placed = true;
    return ordered;
  });
}
