/**
 * `npm run store:listing`: writes the store listings (store/listing.<lang>.md)
 * and the public privacy policy pages (store/privacy-policy.<lang>.html).
 * Nothing in them is typed twice: the name, the short description and the
 * privacy policy come from the extension's own messages, the permission and
 * data justifications from store/permissions.json, the rest from
 * store/texts.<lang>.json. tests/unit/store-listing.test.ts checks the
 * written files are what this renders.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { bundledPartners, partnerOrigins } from '../utils/partners';

export const LANGS = ['en', 'de'] as const;
export type Lang = (typeof LANGS)[number];

type Texts = Record<Lang, string>;
export interface Permissions {
  permissions: Record<string, Texts>;
  optional_host_permissions: Record<string, Texts>;
  host_permissions: Record<string, Texts>;
  data_collection: Record<string, Texts>;
}

export interface StoreTexts {
  listingTitle: string;
  generatedNote: string;
  headings: Record<
    | 'name'
    | 'shortDescription'
    | 'summary'
    | 'description'
    | 'category'
    | 'singlePurpose'
    | 'permissions'
    | 'hostPermissions'
    | 'data'
    | 'chromeData'
    | 'remoteCode'
    | 'links'
    | 'assets',
    string
  >;
  summary: string;
  description: string[];
  category: string;
  singlePurpose: string;
  dataIntro: string;
  dataUse: string[];
  chromeData: string[];
  remoteCode: string;
  links: { privacyPolicy: string; homepage: string; support: string };
  assetsNote: string;
  privacyOtherLanguage: { href: string; text: string };
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
export const listingPath = (lang: Lang) => `store/listing.${lang}.md`;
export const privacyPath = (lang: Lang) => `store/privacy-policy.${lang}.html`;
export const loadPermissions = () => readJson<Permissions>('store/permissions.json');
export const loadTexts = (lang: Lang) => readJson<StoreTexts>(`store/texts.${lang}.json`);
export const loadMessages = (lang: Lang) =>
  readJson<Record<string, { message: string }>>(`public/_locales/${lang}/messages.json`);

/** Without a "$comment" or similar bookkeeping key. */
const entries = <T>(o: Record<string, T>) => Object.entries(o).filter(([k]) => !k.startsWith('$c'));

/** The store's description field is plain text: blank lines between blocks, none inside a list. */
function plainText(lines: string[]): string {
  return lines
    .map((l, i) =>
      i > 0 && !(l.startsWith('• ') && lines[i - 1]!.startsWith('• ')) ? `\n${l}` : l,
    )
    .join('\n');
}

/** "$partners" in permissions.json: the bundled partners' origins, as the manifest lists them. */
export const partnerList = () => [...new Set(bundledPartners.flatMap(partnerOrigins))].join('`, `');

/** One justification line: what the test looks for. */
export const justificationLine = (key: string, text: string) => `- \`${key}\`: ${text}`;

export function renderListing(lang: Lang): string {
  const t = loadTexts(lang);
  const p = loadPermissions();
  const m = loadMessages(lang);
  const h = t.headings;
  const lines = (o: Record<string, Texts>) =>
    entries(o).map(([k, v]) => justificationLine(k === '$partners' ? partnerList() : k, v[lang]));
  return [
    `# ${t.listingTitle}`,
    `> ${t.generatedNote}`,
    `## ${h.name}`,
    m.extName!.message,
    `## ${h.shortDescription}`,
    m.extDescription!.message,
    `## ${h.summary}`,
    t.summary,
    `## ${h.description}`,
    `\`\`\`text\n${plainText(t.description)}\n\`\`\``,
    `## ${h.category}`,
    t.category,
    `## ${h.singlePurpose}`,
    t.singlePurpose,
    `## ${h.permissions}`,
    lines(p.permissions).join('\n'),
    `## ${h.hostPermissions}`,
    lines(p.optional_host_permissions).join('\n'),
    `## ${h.data}`,
    lines(p.data_collection).join('\n'),
    [t.dataIntro, ...t.dataUse].join('\n\n'),
    `### ${h.chromeData}`,
    t.chromeData.map((c) => `- ${c}`).join('\n'),
    `## ${h.remoteCode}`,
    t.remoteCode,
    `## ${h.links}`,
    entries(t.links)
      .map(([k, v]) => `- ${k}: ${v}`)
      .join('\n'),
    `## ${h.assets}`,
    t.assetsNote,
  ]
    .join('\n\n')
    .concat('\n');
}

/** The privacy page's sections, read from the page itself so the list exists once. */
export function privacySections(): [title: string, text: string][] {
  const source = readFileSync('entrypoints/privacy/App.tsx', 'utf8');
  const pairs = [...source.matchAll(/\['(privacyPolicy\w+Title)', '(privacyPolicy\w+)'\]/g)];
  if (pairs.length === 0) throw new Error('no sections found in entrypoints/privacy/App.tsx');
  return pairs.map((p) => [p[1]!, p[2]!]);
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[c]};`);

/**
 * The intro's first sentence only: its second one says the page is part of
 * the extension and readable offline, which is untrue of the web copy.
 */
export const webIntro = (intro: string) => intro.replace(/^(.+?[.!?])\s.*$/s, '$1');

export function renderPrivacyPolicy(lang: Lang): string {
  const m = loadMessages(lang);
  const other = loadTexts(lang).privacyOtherLanguage;
  const msg = (key: string) => {
    const text = m[key]?.message;
    if (!text) throw new Error(`public/_locales/${lang}/messages.json has no ${key}`);
    return escapeHtml(text);
  };
  const sections = privacySections().map(
    ([title, text]) => `<section>\n<h2>${msg(title)}</h2>\n<p>${msg(text)}</p>\n</section>`,
  );
  // The page's own colours (components/theme.css), light and dark.
  const css = `:root{color-scheme:light dark;--bg:#f6f7f9;--card:#fff;--text:#1b1f24;--border:#d7dce1;--accent:#0b5cad}
@media (prefers-color-scheme:dark){:root{--bg:#15181c;--card:#1f2429;--text:#e8ebee;--border:#38414a;--accent:#7fb8f5}}
body{margin:0;background:var(--bg);color:var(--text);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:42rem;margin:0 auto;padding:2rem 1rem}
section{background:var(--card);border:1px solid var(--border);border-radius:10px;padding:.75rem 1rem;margin:0 0 .75rem}
h2{font-size:1.05rem;margin:0 0 .25rem}p{margin:0 0 .5rem}a{color:var(--accent)}`;
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${msg('privacyPolicyTitle')}</title>
<link rel="alternate" hreflang="${lang === 'en' ? 'de' : 'en'}" href="${other.href}">
<style>
${css}
</style>
</head>
<body>
<main>
<p><a href="${other.href}">${escapeHtml(other.text)}</a></p>
<h1>${msg('privacyPolicyTitle')}</h1>
<p>${webIntro(msg('privacyPolicyIntro'))}</p>
${sections.join('\n')}
</main>
</body>
</html>
`;
}

function main() {
  for (const lang of LANGS) {
    writeFileSync(listingPath(lang), renderListing(lang));
    writeFileSync(privacyPath(lang), renderPrivacyPolicy(lang));
    console.log(`  ${listingPath(lang)}, ${privacyPath(lang)}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
