import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

type Tree = { [key: string]: string | Tree };

// Vitest runs from web/ (vite.config.ts).
const here = join(process.cwd(), 'src', 'locales');
const load = (lang: string, ns: string): Tree => JSON.parse(readFileSync(join(here, lang, `${ns}.json`), 'utf8')) as Tree;

/** Every `xFor` key (a control's aria-label) with its sibling `x` (the control's visible text), and their path. */
function labelPairs(tree: Tree, prefix = ''): { key: string; visible: string | undefined; name: string }[] {
  const pairs: { key: string; visible: string | undefined; name: string }[] = [];
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value !== 'string') {
      pairs.push(...labelPairs(value, path));
    } else if (key.endsWith('For')) {
      const visible = tree[key.slice(0, -3)];
      pairs.push({ key: path, visible: typeof visible === 'string' ? visible : undefined, name: value });
    }
  }
  return pairs;
}

const words = (text: string) => text.replace(/\{\{\s*\w+\s*\}\}/g, '').replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * A button or link that shows « Imprimer l’étiquette » but is named « Imprimer l’étiquette du colis
 * LDA-… » for screen readers (the `xFor` key) must be named starting with what it shows, so that a
 * speech-input user can say what they see (WCAG 2.5.3 Label in Name; axe's label-content-name-mismatch
 * found "Print label" named "Print the label of package …" on the English desk pages).
 */
// Every namespace: fr/ and en/ hold the same files (locale-parity test).
const namespaces = readdirSync(join(here, 'fr'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length));

describe.each(namespaces)('accessible names of %s', (ns) => {
  it.each(['fr', 'en'])('begin with the visible text of their control (%s)', (lang) => {
    const tree = load(lang, ns);
    for (const pair of labelPairs(tree)) {
      expect(pair.visible, `${lang}/${ns}.json ${pair.key}: no sibling key with the visible text`).toBeTypeOf('string');
      expect(words(pair.name).startsWith(words(pair.visible!)), `${lang}/${ns}.json ${pair.key}: « ${pair.name} » does not begin with « ${pair.visible} »`).toBe(true);
    }
  });
});

it('finds the pairs it checks (the desk and the staff page name controls this way)', () => {
  expect(labelPairs(load('en', 'packages-desk')).map((p) => p.key)).toEqual(
    expect.arrayContaining(['log.printLabelFor', 'desk.detailsFor', 'desk.editFor', 'desk.exceptionFor', 'desk.assignFor']),
  );
  expect(labelPairs(load('en', 'staff')).map((p) => p.key)).toEqual(expect.arrayContaining(['console.changeRoleFor', 'console.revokeFor']));
});

/** The pairing the check above relies on: a control named by `t('xFor')` shows `t('x')` (units once showed « Gérer les codes » named by `codesFor`). */
it('names each control by the `xFor` of the text it shows', () => {
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.tsx') && !e.name.endsWith('.test.tsx') ? [join(dir, e.name)] : [],
    );
  let checked = 0;
  for (const file of sources(join(process.cwd(), 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/aria-label=\{t\('([\w.]+)For'/g)) {
      const shown = /^[^<]*?>\s*\{t\('([\w.]+)'/.exec(text.slice(match.index))?.[1];
      expect(shown, `${file}: the control named by ${match[1]}For shows ${shown}`).toBe(match[1]);
      checked++;
    }
  }
  expect(checked).toBeGreaterThanOrEqual(18);
});
